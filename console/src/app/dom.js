// Elements built from data with textContent only: nothing the server sends is ever parsed as HTML.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function replace(parent, ...children) {
  parent.replaceChildren(...children.flat().filter((child) => child != null && child !== false));
}

/** A labelled form field (label above input), with an id derived from its name. */
export function field(name, label, attributes = {}) {
  const id = `field-${name}`;
  return h("p", { class: "field" }, h("label", { for: id }, label), h("input", { id, name, ...attributes }));
}

/** A labelled select of [value, text] options. */
export function choice(name, label, options) {
  const id = `field-${name}`;
  return h("p", { class: "field" }, h("label", { for: id }, label),
    h("select", { id, name }, options.map(([value, text]) => h("option", { value }, text))));
}
