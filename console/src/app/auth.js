// Signing in: SMART App Launch (standalone) with PKCE (S256) at the gateway's authorization server.
// The token is kept in memory only: a reload signs in again through the sign-in session while it
// lasts (no password asked), and a new tab starts its own. A token about to expire is renewed the
// same way, returning to the page the auditor was on.
const CLIENT_ID = "passage-console";
const SCOPE = "user/*.rs";
const PENDING = "passage-console.sign-in";

let token = null;
let expiresAt = 0;
let issuedAt = 0;
let claims = {};

function random(bytes) {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return base64url(values);
}

function base64url(bytes) {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function redirectUri() {
  return `${location.origin}/console/`;
}

/** Leaves for the authorization server; comes back to the console's page with a code. */
export async function signIn() {
  const verifier = random(32);
  const state = random(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash }));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  const query = new URLSearchParams({ response_type: "code", client_id: CLIENT_ID, redirect_uri: redirectUri(),
    scope: SCOPE, state, code_challenge: challenge, code_challenge_method: "S256" });
  location.assign(`/auth/authorize?${query}`);
  return new Promise(() => {});
}

/**
 * On the way back from the authorization server: exchanges the code (with its verifier) for a
 * token. Answers false when this page load is not such a return.
 */
export async function completeSignIn() {
  const query = new URLSearchParams(location.search);
  if (!query.has("code") && !query.has("error")) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, "", `/console/${pending?.returnTo || ""}`);
  if (!pending || query.get("state") !== pending.state || !query.has("code")) throw new Error("signin.broken");
  const response = await fetch("/auth/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code: query.get("code"),
      redirect_uri: redirectUri(), client_id: CLIENT_ID, code_verifier: pending.verifier }),
  });
  if (!response.ok) throw new Error("signin.broken");
  const answer = await response.json();
  token = answer.access_token;
  issuedAt = Date.now();
  expiresAt = issuedAt + answer.expires_in * 1000;
  claims = JSON.parse(atob(token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/")));
  return true;
}

/** The token, or null when there is none or it is about to expire. */
export function accessToken() {
  return token && Date.now() < expiresAt - 15000 ? token : null;
}

/** How long ago the token was issued, in milliseconds. */
export function tokenAge() {
  return Date.now() - issuedAt;
}

/** Who is signed in, from the token (for the page only: the gateway decides what she may do). */
export function person() {
  return token ? { name: claims.sub, role: claims.passage_role } : null;
}

export function forget() {
  token = null;
  expiresAt = 0;
  claims = {};
}
