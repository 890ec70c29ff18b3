// Checks Passage's deployment descriptions, offline, with validators from the npm registry:
//  1. every document of kubernetes/*.yaml against the Kubernetes schemas (kubernetes-models) and
//     the CloudNativePG schemas (@kubernetes-models/cloudnative-pg): types, required fields, enums;
//  2. strictly: no field the schemas do not know (each document type-checked by TypeScript
//     against the same models' types, which the schemas' validators alone do not refuse);
//  3. the compose file against the manifests: HAProxy in front, the same gateway settings, the keys
//     given as secrets, readiness as the load balancer's health check.
// Usage (in deploy/): npm ci && node check-deployment.mjs      Exit status 1 on any problem.
//   node check-deployment.mjs --expect-problems test/invalid    the check of the check: passes only
//   when every document of that folder has a problem (and the compose file is not looked at).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const expectProblems = process.argv[2] === "--expect-problems";
const manifestDir = expectProblems ? join(here, process.argv[3]) : join(here, "kubernetes");
const problems = [];
const typed = [];

function modelPath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "postgresql.cnpg.io") return `@kubernetes-models/cloudnative-pg/${group}/${version}/${kind}`;
  return group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
}

const manifests = {};
for (const file of readdirSync(manifestDir).filter((name) => name.endsWith(".yaml")).sort()) {
  const documents = parseAllDocuments(readFileSync(join(manifestDir, file), "utf8"), { uniqueKeys: true });
  for (const document of documents) {
    for (const error of document.errors) problems.push(`${file}: ${error.message}`);
    const object = document.toJS();
    if (!object) continue;
    const name = `${file}: ${object.kind} ${object.metadata?.name}`;
    manifests[`${object.kind}/${object.metadata?.name}`] = object;
    const path = modelPath(String(object.apiVersion), String(object.kind));
    try {
      const Model = (await import(path))[object.kind];
      if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
      new Model(object).validate();
      console.log(`valid    ${name}`);
    } catch (error) {
      problems.push(`${name}: ${error.message}`);
    }
    typed.push({ name, path, kind: object.kind, object });
  }
}

// Strict: each document as a value of its model's type; TypeScript refuses any unknown field.
// Inside deploy/ (target/, ignored), so that the models resolve from deploy/node_modules.
const strict = join(here, "target", "strict");
mkdirSync(strict, { recursive: true });
const source = typed.map((t, i) =>
  `import type { I${t.kind} as T${i} } from "${t.path}";\nexport const d${i}: T${i} = ${JSON.stringify(t.object)};`).join("\n");
writeFileSync(join(strict, "manifests.mts"), source + "\n");
writeFileSync(join(strict, "tsconfig.json"), JSON.stringify({
  files: ["manifests.mts"],
  compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, module: "nodenext", moduleResolution: "nodenext",
    typeRoots: [] },
}));
try {
  execFileSync(process.execPath, [join(here, "node_modules", "typescript", "bin", "tsc"), "-p", strict], { encoding: "utf8" });
  console.log(`strict   ${typed.length} documents: no unknown fields`);
} catch (error) {
  for (const line of String(error.stdout).split("\n").filter((l) => l.includes("error TS"))) {
    const at = line.match(/manifests\.mts\((\d+),/);
    const document = at ? typed[Math.floor((Number(at[1]) - 1) / 2)] : undefined;
    problems.push(`${document ? document.name : "manifests"}: ${line.replace(/^.*error TS\d+: /, "")}`);
  }
}

if (expectProblems) {
  const unflagged = typed.filter((t) => !problems.some((p) => p.startsWith(t.name + ":")));
  for (const problem of problems) console.log(`found    ${problem}`);
  for (const t of unflagged) console.log(`MISSED   ${t.name}: its flaw was not found`);
  process.exit(unflagged.length ? 1 : 0);
}

// The compose file against the manifests.
// Files every node reads from a secret: its keys, and the first admin's public keys.
const SECRETS = ["PASSAGE_SECURITY_SIGNING_KEYS", "PASSAGE_AUDIT_SIGNING_KEY", "PASSAGE_IDENTITY_KEYS_0_FILE",
  "PASSAGE_SECURITY_BOOTSTRAP_ADMIN_JWKS"];
const compose = parse(readFileSync(join(here, "..", "docker", "compose.yaml"), "utf8"), { uniqueKeys: true, merge: true });
const configMap = manifests["ConfigMap/passage-gateway"]?.data ?? {};
const deployment = manifests["Deployment/passage-gateway"];
const container = deployment?.spec?.template?.spec?.containers?.[0] ?? {};
const gateways = Object.entries(compose.services ?? {}).filter(([, s]) => String(s.image ?? "").startsWith("passage-gateway"));
if (gateways.length < 2) problems.push("compose: fewer than two gateway nodes");
const haproxy = compose.services?.haproxy;
if (!haproxy || !String(haproxy.image).startsWith("haproxy")) problems.push("compose: no HAProxy in front of the gateway nodes");
const haproxyConfig = readFileSync(join(here, "..", "docker", "haproxy.cfg"), "utf8");
if (!haproxyConfig.includes(`httpchk GET ${container.readinessProbe?.httpGet?.path}`)) {
  problems.push("compose: HAProxy does not check the readiness the Deployment probes");
}
for (const node of gateways.map(([name]) => name)) {
  if (!new RegExp(`server ${node} ${node}:8080`).test(haproxyConfig)) problems.push(`compose: HAProxy does not route to ${node}`);
}
const settings = (keys) => keys.filter((key) => key.startsWith("PASSAGE_") || key.startsWith("SPRING_DATASOURCE_")).sort();
const expected = settings([...Object.keys(configMap), ...(container.env ?? []).map((e) => e.name)]);
for (const [name, service] of gateways) {
  const actual = settings(Object.keys(service.environment ?? {}));
  const missing = expected.filter((key) => !actual.includes(key));
  const extra = actual.filter((key) => !expected.includes(key));
  if (missing.length || extra.length) problems.push(`compose ${name}: settings differ from the Deployment's (missing ${missing}, extra ${extra})`);
  for (const key of SECRETS) {
    if (!String(service.environment?.[key] ?? "").startsWith("/run/secrets/")) problems.push(`compose ${name}: ${key} is not a secret`);
  }
  if (String(service.environment?.PASSAGE_DEMO_ENABLED) !== "false") problems.push(`compose ${name}: the demo is on`);
  if (!String(service.environment?.SPRING_DATASOURCE_URL).includes("targetServerType=primary")) {
    problems.push(`compose ${name}: the datasource does not insist on the primary`);
  }
}
for (const key of SECRETS) {
  const mount = container.volumeMounts?.find((m) => String(configMap[key]).startsWith(m.mountPath));
  const volume = deployment?.spec?.template?.spec?.volumes?.find((v) => v.name === mount?.name);
  if (!volume?.secret) problems.push(`Deployment: ${key} is not read from a Secret`);
}

if (problems.length) {
  for (const problem of problems) console.log(`PROBLEM  ${problem}`);
  console.log(`${problems.length} problem(s)`);
  process.exit(1);
}
console.log("deployment descriptions: valid, strict, and the compose file agrees with the manifests");
