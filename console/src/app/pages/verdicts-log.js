import { h } from "../dom.js";
import { t } from "../i18n.js";

/** The log's verdict, plainly: a failure is an alert, not a colour. */
export function logVerdict(log) {
  const status = log?.status || "unchecked";
  const bad = ["unsigned", "other-log", "rolled-back", "rewritten", "error"].includes(status);
  return h("p", { class: `verdict verdict-${bad ? "failed" : status}`, role: bad ? "alert" : "status",
    "data-log": status }, t(status === "verified" && !log.previous ? "log.verifiedFirst" : `log.${status}`,
    { size: log?.checkpoint?.size ?? "", previous: log?.previous?.size ?? "" }));
}
