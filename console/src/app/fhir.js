// The console's calls to the gateway, with the signed-in person's token: FHIR JSON in and out,
// and a Passage error (an OperationOutcome with its PASSAGE-nnnn code) as a typed error.
import { accessToken, signIn, tokenAge } from "./auth.js";

export class GatewayError extends Error {
  constructor(status, code, text) {
    super(text || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

export async function call(path, { method = "GET", body, accept = "application/fhir+json" } = {}) {
  const token = accessToken();
  if (!token) return signIn();
  const headers = { Authorization: `Bearer ${token}`, Accept: accept };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "omit" });
  const type = response.headers.get("Content-Type") || "";
  const payload = type.includes("json") ? await response.json() : await response.text();
  // An expired token is renewed through the sign-in session; a token refused as soon as it was
  // issued would only loop, so that is shown as the refusal it is.
  if (response.status === 401 && tokenAge() > 30000) return signIn();
  if (!response.ok) {
    const issue = payload?.issue?.[0];
    const code = issue?.details?.coding?.find((coding) => /^PASSAGE-/.test(coding.code))?.code;
    throw new GatewayError(response.status, code, issue?.details?.text || issue?.diagnostics);
  }
  return payload;
}

export function fhir(path, options) {
  return call(`/fhir/${path}`, options);
}

/** A Parameters resource's named values (valueString, valueBoolean, ...), as a map of arrays. */
export function parameters(resource) {
  const values = new Map();
  for (const parameter of resource.parameter || []) {
    const key = Object.keys(parameter).find((name) => name.startsWith("value"));
    if (!values.has(parameter.name)) values.set(parameter.name, []);
    values.get(parameter.name).push(key ? parameter[key] : undefined);
  }
  return values;
}
