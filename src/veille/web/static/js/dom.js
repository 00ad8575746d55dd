// Building DOM safely: every piece of data becomes a text node or an attribute value, never HTML.

const SVG_NS = "http://www.w3.org/2000/svg";
const SAFE_HREF = /^(#|\/(?!\/)|https?:\/\/)/i;

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "on") {
      for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    } else if (key === "dataset") {
      for (const [k, v] of Object.entries(value)) el.dataset[k] = String(v);
    } else if (key.startsWith("on")) {
      throw new Error("event handlers go through `on`");
    } else if (key === "href") {
      const href = String(value);
      if (SAFE_HREF.test(href)) el.setAttribute("href", href);
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

// el.append() for our children: null/false are skipped, arrays flattened, strings become text.
export function add(el, ...children) {
  append(el, children);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export class ApiError extends Error {}

export async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, String(v));
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await response.json(); } catch (_) { body = null; }
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : response.statusText;
    throw new ApiError(`${response.status} : ${detail}`);
  }
  return body;
}

// Text with the parts between start/end markers (\x02 … \x03) wrapped in <mark>.
export function marked(text, marks) {
  const [open, close] = marks || ["\u0002", "\u0003"];
  const out = [];
  let rest = String(text || "");
  while (rest.length) {
    const i = rest.indexOf(open);
    if (i < 0) { out.push(rest); break; }
    if (i > 0) out.push(rest.slice(0, i));
    const j = rest.indexOf(close, i + 1);
    const end = j < 0 ? rest.length : j;
    out.push(h("mark", null, rest.slice(i + 1, end)));
    rest = j < 0 ? "" : rest.slice(j + 1);
  }
  return out;
}

const MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

// A TIMEX value for people: 2025-08-19 -> 19 août 2025; other forms are shown as they are.
export function showDate(value) {
  if (!value) return "date inconnue";
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return value;
  const rest = value.slice(m[0].length);
  let out = m[1];
  if (m[2] && /^\d{2}$/.test(m[2]) && +m[2] >= 1 && +m[2] <= 12) out = `${MONTHS[+m[2] - 1]} ${out}`;
  if (m[3]) out = `${+m[3]} ${out}`;
  return rest ? `${out} (${value})` : out;
}

export const STATUS_FR = {
  occurred: "a eu lieu", planned: "prévu", proposed: "proposé", possible: "possible",
  failed: "échoué", negated: "n'a pas eu lieu",
};
export const TYPE_FR = {
  AGREE: "accord", CONSULT: "consultation", SUPPORT: "soutien", CONCEDE: "concession",
  COOPERATE: "coopération", AID: "aide", RETREAT: "retrait", REQUEST: "demande",
  ACCUSE: "accusation", REJECT: "rejet", THREATEN: "menace", PROTEST: "protestation",
  SANCTION: "sanction", MOBILIZE: "mobilisation", COERCE: "coercition", ASSAULT: "attaque",
};
export const RELATION_FR = {
  met: "rencontre", called: "appel", agreed: "accord", supported: "soutien", conceded: "concession",
  cooperated: "coopération", aided: "aide", retreated: "retrait", asked: "demande", accused: "accusation",
  rejected: "rejet", threatened: "menace", protested: "protestation", sanctioned: "sanction",
  mobilized: "mobilisation", coerced: "coercition", attacked: "attaque",
};
export const PLOVER = Object.keys(TYPE_FR);

// Colour family of an event type (PLOVER quad classes).
export function family(type) {
  if (["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST"].includes(type)) return "verbal-coop";
  if (["COOPERATE", "AID", "RETREAT"].includes(type)) return "material-coop";
  if (["ACCUSE", "REJECT", "THREATEN", "PROTEST"].includes(type)) return "verbal-conflict";
  return "material-conflict";
}
export const FAMILY_FR = {
  "verbal-coop": "coopération verbale", "material-coop": "coopération matérielle",
  "verbal-conflict": "conflit verbal", "material-conflict": "conflit matériel",
};
