// For admins: the accounts of the people who sign in (create, disable, enable), the client
// registry (register a site's or auditor's application with its public keys, rotate its keys,
// disable or enable it) and the audit log's verifier keys.
import { h, replace, field, choice } from "../dom.js";
import { t } from "../i18n.js";
import { call } from "../fhir.js";

export async function adminPage(root) {
  const list = h("section", { "aria-live": "polite" });
  const created = h("p", { role: "status" });
  const form = h("form", { onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      // A password (and a second factor, answered once), or her subject at the network's
      // OpenID Connect provider, where she then signs in instead.
      const subject = data.get("providerSubject").trim();
      const body = { username: data.get("username"), role: data.get("role") };
      if (subject) body.providerSubject = subject;
      else body.password = data.get("password");
      const account = await call("/admin/accounts", { method: "POST", accept: "application/json", body });
      form.reset();
      if (account.otpauth) replace(created, t("admin.created", { username: account.username }), " ", h("code", {}, account.otpauth));
      else replace(created, t("admin.linked", { username: account.username }));
      await refresh(list);
    } catch (error) {
      replace(created, h("span", { class: "alert" }, t("error.gateway", { code: error.code || error.status || "" })));
    }
  } }, h("fieldset", {}, h("legend", {}, t("admin.create")),
    field("username", t("admin.username"), { type: "text", required: true, autocomplete: "off" }),
    choice("role", t("admin.role"), [["auditor", t("role.auditor")], ["admin", t("role.admin")]]),
    field("password", t("admin.password"), { type: "password", minlength: 12, autocomplete: "new-password" }),
    field("providerSubject", t("admin.providerSubject"), { type: "text", autocomplete: "off", spellcheck: "false" }),
    h("button", { type: "submit" }, t("admin.createSubmit"))));
  const clients = h("section", { "aria-live": "polite" });
  const keys = h("section", {});
  replace(root, h("h1", {}, t("admin.title")), list, form, created, clients, keys);
  await refresh(list);
  await refreshClients(clients);
  const auditKeys = await call("/admin/audit-keys", { accept: "application/json" });
  replace(keys, h("h2", {}, t("admin.auditKeys")), h("p", {}, t("admin.auditKeysIntro")),
    h("ul", { class: "keys" }, auditKeys.map((key) => h("li", { "data-signing": key.signing },
      h("code", {}, key.verifier_key), " ", t(key.signing ? "admin.keySigning" : "admin.keyEarlier", { since: key.first_used_at })))));
}

async function refreshClients(section) {
  const registered = await call("/admin/clients", { accept: "application/json" });
  const message = h("p", { role: "status" });
  const form = h("form", { onsubmit: async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const body = { role: data.get("clientRole"), scope: data.get("scope") };
      // Its keys, or the URL where the site publishes them (then it rotates them there).
      if (data.get("jwksUri").trim()) body.jwks_uri = data.get("jwksUri").trim();
      else body.jwks = JSON.parse(data.get("jwks"));
      if (data.get("organization")) body.organization = `Organization/${data.get("organization").trim()}`;
      await call(`/admin/clients/${encodeURIComponent(data.get("client").trim())}`, { method: "PUT", accept: "application/json", body });
      await refreshClients(section);
    } catch (error) {
      replace(message, h("span", { class: "alert" }, error instanceof SyntaxError ? t("admin.jwksNotJson")
        : t("error.gateway", { code: error.code || error.status || "" })));
    }
  } }, h("fieldset", {}, h("legend", {}, t("admin.register")),
    h("div", { class: "grid" },
      field("client", t("admin.clientId"), { type: "text", required: true, autocomplete: "off" }),
      choice("clientRole", t("admin.clientRole"), [["site", t("role.site")], ["auditor", t("role.auditor")], ["admin", t("role.admin")]]),
      field("organization", t("admin.organization"), { type: "text", autocomplete: "off" }),
      field("scope", t("admin.scope"), { type: "text", required: true, autocomplete: "off", placeholder: "system/Task.cruds" })),
    h("p", { class: "field" }, h("label", { for: "field-jwks" }, t("admin.jwks")),
      h("textarea", { id: "field-jwks", name: "jwks", rows: 4, spellcheck: "false" })),
    field("jwksUri", t("admin.jwksUri"), { type: "url", autocomplete: "off", placeholder: "https://" }),
    h("button", { type: "submit" }, t("admin.registerSubmit"))));
  replace(section, h("h2", {}, t("admin.clients")),
    h("table", { class: "clients" },
      h("thead", {}, h("tr", {}, ["admin.clientId", "admin.role", "admin.organization", "admin.scope", "admin.keys", "admin.state", "admin.actions"]
        .map((key) => h("th", { scope: "col" }, t(key))))),
      h("tbody", {}, registered.map((client) => h("tr", { "data-client": client.client_id },
        h("td", {}, client.client_id), h("td", {}, t(`role.${client.role}`)), h("td", {}, client.organization || ""),
        h("td", {}, client.scope), h("td", {}, client.jwks_uri || (client.jwks?.keys || []).map((key) => key.kid).join(", ")),
        h("td", {}, client.enabled ? t("admin.enabled") : t("admin.disabled")),
        h("td", {}, client.enabled && h("button", { type: "button", onclick: async () => {
          await call(`/admin/clients/${encodeURIComponent(client.client_id)}/$disable`, { method: "POST", accept: "application/json" });
          await refreshClients(section);
        } }, t("admin.disable"))))))),
    form, message);
}

async function refresh(list) {
  const accounts = await call("/admin/accounts", { accept: "application/json" });
  replace(list, h("h2", {}, t("admin.accounts")), h("table", { class: "accounts" },
    h("thead", {}, h("tr", {}, ["admin.username", "admin.role", "admin.signIn", "admin.state", "admin.actions"].map((key) => h("th", { scope: "col" }, t(key))))),
    h("tbody", {}, accounts.map((account) => h("tr", {},
      h("td", {}, account.username), h("td", {}, t(`role.${account.role}`)),
      h("td", {}, account.signIn === "provider" ? t("admin.signInProvider", { subject: account.providerSubject }) : t("admin.signInPassword")),
      h("td", {}, account.enabled ? (account.locked ? t("admin.locked") : t("admin.enabled")) : t("admin.disabled")),
      h("td", {}, h("button", { type: "button", onclick: async () => {
        await call(`/admin/accounts/${encodeURIComponent(account.username)}/${account.enabled ? "$disable" : "$enable"}`,
          { method: "POST", accept: "application/json" });
        await refresh(list);
      } }, account.enabled ? t("admin.disable") : t("admin.enable"))))))));
}
