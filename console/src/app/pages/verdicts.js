import { h } from "../dom.js";
import { t } from "../i18n.js";

/** A proof's verdict, in words and not only in colour. */
export function verdictBadge(status) {
  return h("span", { class: `badge badge-${status}` }, t(`verify.${status}`));
}
