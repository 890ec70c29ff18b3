package org.passagegateway.gateway.indicators;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupStratifierComponent;
import org.hl7.fhir.r4.model.Quantity;

/**
 * A MeasureReport as CSV, for a spreadsheet or an import into DHIS2, when the request asks for
 * {@code text/csv} (Accept, or {@code _format=csv}): one row per count, in long format: measure,
 * period, group, stratifier, stratum (its components as {@code dimension=value;…}), population,
 * count, the group's or stratum's score and unit, and why a withheld count or score is withheld
 * (its count left empty, never 0).
 */
@Interceptor
final class MeasureReportCsv {

  static final String MEDIA_TYPE = "text/csv";
  static final List<String> HEADER = List.of("measure", "period_start", "period_end", "group", "stratifier", "stratum",
      "population", "count", "score", "unit", "suppressed");

  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public boolean asCsv(RequestDetails request, IBaseResource resource, HttpServletResponse response) throws IOException {
    if (!(resource instanceof MeasureReport report) || !wantsCsv(request)) {
      return true;
    }
    response.setStatus(200);
    response.setContentType(MEDIA_TYPE + ";charset=utf-8");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(report) + ".csv\"");
    try (Writer out = response.getWriter()) {
      for (List<String> row : rows(report)) {
        out.write(row.stream().map(MeasureReportCsv::field).collect(Collectors.joining(",")));
        out.write("\r\n");
      }
    }
    return false;
  }

  static boolean wantsCsv(RequestDetails request) {
    String[] format = request.getParameters().get("_format");
    if (format != null && format.length > 0) {
      return "csv".equals(format[0]) || MEDIA_TYPE.equals(format[0]);
    }
    String accept = request.getHeader("Accept");
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).startsWith(MEDIA_TYPE);
  }

  static List<List<String>> rows(MeasureReport report) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    String measure = report.getMeasure() == null ? "" : report.getMeasure().substring(report.getMeasure().lastIndexOf('/') + 1);
    String start = report.getPeriod().getStartElement().getValueAsString();
    String end = report.getPeriod().getEndElement().getValueAsString();
    for (MeasureReportGroupComponent group : report.getGroup()) {
      String groupCode = group.getCode().getText();
      for (var population : group.getPopulation()) {
        rows.add(List.of(measure, start, end, groupCode, "", "", code(population.getCode()),
            population.hasCount() ? Integer.toString(population.getCount()) : "", score(group.getMeasureScore()),
            unit(group.getMeasureScore()), suppressed(population)));
      }
      for (MeasureReportGroupStratifierComponent stratifier : group.getStratifier()) {
        String stratifierCode = stratifier.getCodeFirstRep().getText();
        for (var stratum : stratifier.getStratum()) {
          String value = stratum.hasValue() ? code(stratum.getValue()) : stratum.getComponent().stream()
              .map(c -> code(c.getCode()) + "=" + code(c.getValue())).collect(Collectors.joining(";"));
          for (var population : stratum.getPopulation()) {
            String reason = suppressed(population);
            rows.add(List.of(measure, start, end, groupCode, stratifierCode, value, code(population.getCode()),
                population.hasCount() ? Integer.toString(population.getCount()) : "", score(stratum.getMeasureScore()),
                unit(stratum.getMeasureScore()), reason.isEmpty() ? suppressed(stratum) : reason));
          }
        }
      }
    }
    return rows;
  }

  private static String code(CodeableConcept concept) {
    return concept.getCoding().isEmpty() ? concept.getText() : concept.getCodingFirstRep().getCode();
  }

  private static String score(Quantity score) {
    return score == null || !score.hasValue() ? "" : score.getValue().toPlainString();
  }

  private static String unit(Quantity score) {
    return score == null || !score.hasCode() ? "" : score.getCode();
  }

  private static String suppressed(Element element) {
    Extension extension = element.getExtensionByUrl(IndicatorTerminology.SUPPRESSED);
    return extension == null ? "" : extension.getValue().primitiveValue();
  }

  private static String fileName(MeasureReport report) {
    String measure = report.getMeasure() == null ? "report" : report.getMeasure().substring(report.getMeasure().lastIndexOf('/') + 1);
    return (measure + "-" + report.getPeriod().getStartElement().getValueAsString() + "-"
        + report.getPeriod().getEndElement().getValueAsString()).replaceAll("[^A-Za-z0-9.-]", "_");
  }

  /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
  static String field(String value) {
    String text = value == null ? "" : value;
    return text.matches(".*[,\"\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
