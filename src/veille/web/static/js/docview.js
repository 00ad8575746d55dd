// A document with its mentions, dates, quotes and event triggers highlighted.
// Spans nest (a mention inside a quote); a span crossing its parent's end is clipped.
import { h, showDate, STATUS_FR, TYPE_FR } from "./dom.js";

const RANK = { quote: 0, mention: 1, timex: 2, trigger: 3 };

export function spansOf(doc) {
  const names = doc.entity_names || {};
  const name = (id) => (id && names[id] ? names[id].name : id);
  const spans = [];
  for (const q of doc.quotes || []) {
    const who = q.speaker ? `${q.speaker.text}${q.speaker.entity ? ` → ${name(q.speaker.entity)}` : ""}` : "locuteur inconnu";
    spans.push({ start: q.start, end: q.end, kind: "quote", cls: `hl-quote q-${q.kind}`,
      title: `Citation (${q.kind}) · ${who}${q.cue ? ` · « ${q.cue} »` : ""}`, id: q.id });
  }
  for (const m of doc.mentions || []) {
    const linked = m.entity ? `${name(m.entity)} [${m.entity}]` : "non relié";
    spans.push({ start: m.start, end: m.end, kind: "mention", cls: `hl-mention ty-${m.type}${m.entity ? "" : " unlinked"}`,
      title: `${m.type} · ${linked}${m.link ? ` · ${m.link}` : ""}`, entity: m.entity });
  }
  for (const t of doc.timexes || []) {
    spans.push({ start: t.start, end: t.end, kind: "timex", cls: "hl-timex",
      title: `${t.type} · ${t.value}${t.value && /^\d{4}/.test(t.value) ? ` (${showDate(t.value)})` : ""}` });
  }
  for (const e of doc.event_mentions || []) {
    if (!e.trigger) continue;
    const who = (e.participants || []).map(name).join(", ");
    spans.push({ start: e.trigger.start, end: e.trigger.end, kind: "trigger", cls: `hl-event st-${e.status}`,
      title: `Événement ${TYPE_FR[e.type] || e.type}${e.mode ? ` (${e.mode})` : ""} · ${STATUS_FR[e.status] || e.status}` +
        `${e.date ? ` · ${e.date}` : ""}${who ? ` · ${who}` : ""}`, event: e.event, mention: e.id });
  }
  const n = (doc.text || "").length;
  return spans
    .filter((sp) => Number.isInteger(sp.start) && Number.isInteger(sp.end) && sp.start >= 0 && sp.end <= n && sp.start < sp.end)
    .sort((a, b) => a.start - b.start || b.end - a.end || RANK[a.kind] - RANK[b.kind]);
}

// Spans to a tree: {start, end, children}; returns the root.
export function nest(spans, length) {
  const root = { start: 0, end: length, children: [] };
  const stack = [root];
  for (const sp of spans) {
    while (stack.length > 1 && stack[stack.length - 1].end <= sp.start) stack.pop();
    const parent = stack[stack.length - 1];
    const node = { ...sp, end: Math.min(sp.end, parent.end), children: [] };
    if (node.end <= node.start) continue;
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

function render(text, node, highlight) {
  const out = [];
  let pos = node.start;
  for (const child of node.children) {
    if (child.start > pos) out.push(text.slice(pos, child.start));
    const attrs = { class: child.cls, title: child.title };
    if (child.kind === "mention" && child.entity) attrs.href = `#/entity/${encodeURIComponent(child.entity)}`;
    if (child.kind === "trigger" && highlight && highlight === child.mention) attrs.class += " focus";
    if (child.kind === "trigger") attrs["data-mention"] = child.mention;
    if (child.kind === "quote") attrs["data-quote"] = child.id;
    const tag = child.kind === "mention" && child.entity ? "a" : child.kind === "quote" ? "q" : "span";
    out.push(h(tag, attrs, ...render(text, child, highlight)));
    pos = child.end;
  }
  if (pos < node.end) out.push(text.slice(pos, node.end));
  return out;
}

export function renderDocumentText(doc, highlight) {
  const text = doc.text || "";
  const tree = nest(spansOf(doc), text.length);
  return h("div", { class: "doc-text" }, ...render(text, tree, highlight));
}
