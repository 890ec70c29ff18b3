// For admins: the accounts of the people who sign in (create, disable, enable).
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
      const account = await call("/admin/accounts", { method: "POST", accept: "application/json",
        body: { username: data.get("username"), role: data.get("role"), password: data.get("password") } });
      form.reset();
      replace(created, t("admin.created", { username: account.username }), " ", h("code", {}, account.otpauth));
      await refresh(list);
    } catch (error) {
      replace(created, h("span", { class: "alert" }, t("error.gateway", { code: error.code || error.status || "" })));
    }
  } }, h("fieldset", {}, h("legend", {}, t("admin.create")),
    field("username", t("admin.username"), { type: "text", required: true, autocomplete: "off" }),
    choice("role", t("admin.role"), [["auditor", t("role.auditor")], ["admin", t("role.admin")]]),
    field("password", t("admin.password"), { type: "password", required: true, minlength: 12, autocomplete: "new-password" }),
    h("button", { type: "submit" }, t("admin.createSubmit"))));
  replace(root, h("h1", {}, t("admin.title")), list, form, created);
  await refresh(list);
}

async function refresh(list) {
  const accounts = await call("/admin/accounts", { accept: "application/json" });
  replace(list, h("h2", {}, t("admin.accounts")), h("table", {},
    h("thead", {}, h("tr", {}, ["admin.username", "admin.role", "admin.state", "admin.actions"].map((key) => h("th", { scope: "col" }, t(key))))),
    h("tbody", {}, accounts.map((account) => h("tr", {},
      h("td", {}, account.username), h("td", {}, t(`role.${account.role}`)),
      h("td", {}, account.enabled ? (account.locked ? t("admin.locked") : t("admin.enabled")) : t("admin.disabled")),
      h("td", {}, h("button", { type: "button", onclick: async () => {
        await call(`/admin/accounts/${encodeURIComponent(account.username)}/${account.enabled ? "$disable" : "$enable"}`,
          { method: "POST", accept: "application/json" });
        await refresh(list);
      } }, account.enabled ? t("admin.disable") : t("admin.enable"))))))));
}
