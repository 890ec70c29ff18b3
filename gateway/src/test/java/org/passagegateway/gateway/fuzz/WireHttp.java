package org.passagegateway.gateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, one request per connection: the request line and headers go out
 * byte for byte as the fuzzer made them (a JDK or Apache client would refuse to send an illegal
 * target or header, which is exactly what a hostile client sends).
 */
final class WireHttp {

  /** An answer: status, headers (name, value, in order), body. */
  record Answer(int status, List<String[]> headers, byte[] body) {

    String header(String name) {
      return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final String host;
  private final int port;

  WireHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  Answer exchange(FuzzRequest request) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    head.writeBytes((request.method() + " " + request.target() + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
    head.writeBytes(("Host: " + host + ":" + port + "\r\nConnection: close\r\n").getBytes(StandardCharsets.UTF_8));
    for (String[] header : request.headers()) {
      head.writeBytes((header[0] + ": " + header[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] body = request.body();
    if (body != null) {
      head.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    head.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toByteArray());
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read(socket.getInputStream());
    }
  }

  private static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
      throw new IOException("no HTTP answer");
    }
    int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
    List<String[]> headers = new ArrayList<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
    }
    Answer partial = new Answer(status, headers, new byte[0]);
    String length = partial.header("Content-Length");
    String encoding = partial.header("Transfer-Encoding");
    byte[] body;
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      ByteArrayOutputStream chunks = new ByteArrayOutputStream();
      for (int size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
        chunks.writeBytes(in.readNBytes(size));
        line(in);
      }
      body = chunks.toByteArray();
    } else if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, body);
  }

  private static int chunkSize(String line) {
    return line == null ? 0 : Integer.parseInt(line.split(";", 2)[0].trim(), 16);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
