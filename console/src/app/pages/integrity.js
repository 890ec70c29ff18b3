// The keys the auditor pinned, and the log's verdict: the newest checkpoint's signature, and its
// consistency with the last checkpoint this browser saw.
import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { pinKey, pinnedKeyTexts, unpinKey, lastSeen, forgetLastSeen, toHex } from "../integrity.js";
import { logVerdict } from "./verdicts-log.js";

export function integrityPage(root, state, recheck) {
  const keyInput = h("textarea", { id: "pin-key", name: "key", rows: 2, spellcheck: "false", autocomplete: "off" });
  const message = h("p", { role: "status", "aria-live": "polite" });
  const form = h("form", { onsubmit: async (event) => {
    event.preventDefault();
    try {
      await pinKey(keyInput.value);
      keyInput.value = "";
      await recheck();
    } catch {
      message.textContent = t("integrity.badKey");
    }
  } }, h("label", { for: "pin-key" }, t("integrity.pinLabel")), keyInput, h("button", { type: "submit" }, t("integrity.pin")));
  const seen = lastSeen();
  replace(root,
    h("h1", {}, t("integrity.title")),
    logVerdict(state.log),
    h("h2", {}, t("integrity.keys")),
    h("p", {}, t("integrity.keysIntro")),
    h("ul", { class: "keys" }, pinnedKeyTexts().map((key) => h("li", {}, h("code", {}, key), " ",
      h("button", { type: "button", class: "link", onclick: async () => { unpinKey(key); await recheck(); } },
        t("integrity.unpin"))))),
    form, message,
    h("h2", {}, t("integrity.lastSeen")),
    seen ? h("p", {}, t("integrity.lastSeenText", { origin: seen.origin, size: seen.size, root: toHex(seen.root) }))
      : h("p", {}, t("integrity.neverSeen")),
    seen && h("button", { type: "button", class: "link", onclick: async () => { forgetLastSeen(); await recheck(); } },
      t("integrity.forget")));
}
