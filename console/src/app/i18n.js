// The console's one message catalogue (public/i18n/<language>.json): every text it shows comes
// from it, so that a network translates the console in one place. The language is the browser's
// first that the catalogue has, else English.
let texts = {};

export async function loadCatalogue(languages = navigator.languages || ["en"]) {
  const candidates = [...new Set([...languages.map((tag) => tag.split("-")[0].toLowerCase()), "en"])];
  for (const language of candidates) {
    if (!/^[a-z]{2,3}$/.test(language)) continue;
    const response = await fetch(`/console/i18n/${language}.json`, { credentials: "omit" });
    if (response.ok) {
      texts = await response.json();
      document.documentElement.lang = language;
      return language;
    }
  }
  throw new Error("the console's message catalogue is missing");
}

/** The text of a key, with {name} placeholders filled; a missing key shows as itself. */
export function t(key, values = {}) {
  let text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}
