// The fulcrum dashboard. Every piece of text that comes from the store (article text, titles,
// sentences, actor names) is put on the page with textContent or as an attribute value set
// through the DOM, never parsed as HTML, so markup inside an article stays inert text.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, String(v));
    else if (k === "title") e.title = String(v);
    else if (k === "href") e.setAttribute("href", String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function showError(message) {
  const p = $("error");
  if (message) {
    p.textContent = message;
    p.hidden = false;
  } else {
    p.textContent = "";
    p.hidden = true;
  }
}

async function api(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && String(v).trim() !== "") q.set(k, String(v).trim());
  }
  const url = q.toString() ? `${path}?${q}` : path;
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

function fmt(v, digits = 2) {
  return v === null || v === undefined ? "—" : (v > 0 ? "+" : "") + Number(v).toFixed(digits);
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

function formParams(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) out[k] = v;
  return out;
}

// ---- Balance -----------------------------------------------------------------------------

let balanceState = null;

async function showBalance() {
  const params = formParams($("balance-form"));
  showError("");
  document.body.dataset.ready = "";
  try {
    const b = await api("/api/balance", params);
    balanceState = { params, balance: b };
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    renderBalanceTable(b);
    await showChart(`/api/balance.svg?${q}`, b);
    clear($("period-events"));
    $("period-title").textContent = "";
    document.body.dataset.ready = "balance";
  } catch (e) {
    showError(e.message);
    document.body.dataset.ready = "error";
  }
}

// The chart is inlined (not an <img>) so that its per-period areas can be hovered, which shows
// their numbers, and clicked, which lists their events. The SVG comes from this server and is
// parsed as XML; nothing in it can run under the page's Content-Security-Policy.
async function showChart(url, b) {
  const box = $("balance-chart");
  clear(box);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`chart: HTTP ${res.status}`);
  const doc = new DOMParser().parseFromString(await res.text(), "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.nodeName !== "svg") throw new Error("chart: not an SVG picture");
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  box.append(document.importNode(svg, true));
  for (const area of box.querySelectorAll("rect[data-period]")) {
    area.addEventListener("click", () => {
      const tr = document.querySelector(`#balance-table tr[data-period="${CSS.escape(area.dataset.period)}"]`);
      const per = b.periods.find((p) => p.period === area.dataset.period);
      if (tr && per) showPeriod(tr, per);
    });
  }
}

function renderBalanceTable(b) {
  const t = $("balance-table");
  clear(t);
  const head = el("tr", {}, el("th", {}, "period"), el("th", {}, "events"));
  for (const p of b.powers) {
    head.append(el("th", {}, `score ${p}`), el("th", {}, `${p} events`), el("th", {}, `${p} share`));
  }
  head.append(el("th", {}, `tilt (${b.powers[0] || ""})`));
  t.append(head);
  for (const per of b.periods) {
    const tr = el("tr", {
      class: "clickable",
      "data-period": per.period,
      "data-start": per.start,
      "data-end": per.end,
    });
    tr.append(el("td", {}, per.period), el("td", { class: "num" }, per.events));
    for (const pp of per.powers) {
      const score = pp.score ? pp.score.value : null;
      const cell = el(
        "td",
        { class: "num score", "data-power": pp.power, "data-score": score === null ? "" : score },
        fmt(score),
      );
      if (pp.score) cell.title = `interval ${fmt(pp.score.lower)} to ${fmt(pp.score.upper)}`;
      tr.append(
        cell,
        el("td", { class: "num" }, pp.events),
        el("td", { class: "num" }, pp.share ? `${Math.round(pp.share.value * 100)}%` : "—"),
      );
    }
    const tilt = per.tilt ? per.tilt.value : null;
    tr.append(el("td", { class: "num tilt", "data-tilt": tilt === null ? "" : tilt }, fmt(tilt)));
    tr.addEventListener("click", () => showPeriod(tr, per));
    t.append(tr);
  }
  if (b.shifts && b.shifts.length) {
    const list = b.shifts.map((s) => `${s.series} ${s.power} ${s.direction} in ${s.period}`).join("; ");
    t.append(el("tr", {}, el("td", { class: "hint" }, `shifts: ${list}`)));
  }
}

async function showPeriod(tr, per) {
  for (const r of document.querySelectorAll("#balance-table tr.selected")) r.classList.remove("selected");
  tr.classList.add("selected");
  const b = balanceState.balance;
  const factuality = balanceState.params.factuality || "asserted";
  const rows = [];
  try {
    for (const p of b.powers) {
      const page = await api("/api/events", {
        dyad: `${b.focus},${p}`,
        from: per.start,
        to: per.end,
        factuality,
        limit: 200,
      });
      rows.push(...page.events);
    }
  } catch (e) {
    showError(e.message);
    return;
  }
  rows.sort((a, b2) => a.id - b2.id);
  $("period-title").textContent = `${b.focus} with ${b.powers.join(", ")} in ${per.period}: ${rows.length} mentions`;
  renderEvents($("period-events"), rows, false);
  document.body.dataset.ready = "period";
}

// ---- Dyad --------------------------------------------------------------------------------

async function showDyad() {
  const params = formParams($("dyad-form"));
  showError("");
  try {
    const rows = await api("/api/relations", params);
    const t = $("dyad-table");
    clear(t);
    t.append(
      el("tr", {}, ...["period", "events", "mentions", "v.coop", "m.coop", "v.conf", "m.conf", "goldstein", "net coop", "a→b", "b→a"].map((h) => el("th", {}, h))),
    );
    for (const r of rows) {
      const q = r.both.by_quad;
      t.append(
        el(
          "tr",
          { "data-period": r.period },
          el("td", {}, r.period),
          el("td", { class: "num" }, r.both.events),
          el("td", { class: "num" }, r.both.mentions),
          el("td", { class: "num" }, q.verbal_cooperation),
          el("td", { class: "num" }, q.material_cooperation),
          el("td", { class: "num" }, q.verbal_conflict),
          el("td", { class: "num" }, q.material_conflict),
          el("td", { class: "num" }, fmt(r.both.goldstein_mean)),
          el("td", { class: "num" }, fmt(r.both.net_cooperation)),
          el("td", { class: "num" }, r.a_to_b.events),
          el("td", { class: "num" }, r.b_to_a.events),
        ),
      );
    }
    document.body.dataset.ready = "dyad";
  } catch (e) {
    showError(e.message);
  }
}

// ---- Events ------------------------------------------------------------------------------

let eventsCursor = null;

function renderEvents(table, rows, append) {
  if (!append) {
    clear(table);
    table.append(
      el("tr", {}, ...["id", "date", "source", "type", "cameo", "target", "factuality", "sentence", "document"].map((h) => el("th", {}, h))),
    );
  }
  for (const e of rows) {
    const doc = e.doc_id ? el("a", { href: `#doc/${e.doc_id}`, class: "doc-link" }, `#${e.doc_id}`) : "—";
    table.append(
      el(
        "tr",
        { "data-event": e.id },
        el("td", { class: "num" }, e.id),
        el("td", {}, e.date_start || "undated"),
        el("td", {}, e.source_code, el("br"), el("span", { class: "meta" }, e.source_text || "")),
        el("td", {}, e.plover || "—"),
        el("td", {}, e.cameo),
        el("td", {}, e.target_code || "—", el("br"), el("span", { class: "meta" }, e.target_text || "")),
        el("td", {}, e.factuality),
        el("td", {}, e.sentence || ""),
        el("td", {}, doc),
      ),
    );
  }
}

async function showEvents(append) {
  const params = formParams($("events-form"));
  if (append && eventsCursor) params.after = eventsCursor;
  params.limit = 50;
  showError("");
  try {
    const page = await api("/api/events", params);
    renderEvents($("events-table"), page.events, append);
    eventsCursor = page.next;
    $("events-more").hidden = !page.next;
    document.body.dataset.ready = "events";
  } catch (e) {
    showError(e.message);
  }
}

// ---- Document ----------------------------------------------------------------------------

// Splits the text at every span edge and wraps each piece in the highlight classes covering
// it. Offsets are code points (characters), as the API gives them, hence Array.from.
function highlighted(text, marks) {
  const chars = Array.from(text);
  const edges = new Set([0, chars.length]);
  for (const m of marks) {
    if (m.start >= 0 && m.end <= chars.length && m.start < m.end) {
      edges.add(m.start);
      edges.add(m.end);
    }
  }
  const cuts = [...edges].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const piece = chars.slice(a, b).join("");
    const covering = marks.filter((m) => m.start <= a && m.end >= b && m.start < m.end);
    if (!covering.length) {
      frag.append(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(covering.map((m) => `hl-${m.kind}`))];
    const events = [...new Set(covering.filter((m) => m.event).map((m) => m.event))];
    const mark = el("mark", { class: kinds.join(" "), "data-events": events.join(" ") || null }, piece);
    mark.title = covering.map((m) => (m.event ? `${m.kind} of event ${m.event}` : m.kind)).join(", ");
    frag.append(mark);
  }
  return frag;
}

async function showDocument(id) {
  showError("");
  document.body.dataset.ready = "";
  try {
    const d = await api(`/api/documents/${encodeURIComponent(id)}`);
    $("doc-title").textContent = d.title || d.key;
    const meta = [];
    if (d.published) meta.push(`published ${d.published} (${d.published_basis || "unknown basis"})`);
    if (d.url) meta.push(d.url);
    meta.push(`document ${d.id}, version ${d.version}, ${d.events.length} events`);
    $("doc-meta").textContent = meta.join(" · ");
    const marks = [];
    for (const e of d.events) {
      for (const kind of ["source", "target", "trigger"]) {
        const s = e[`${kind}_span`];
        if (s) marks.push({ kind, start: s[0], end: s[1], event: e.id });
      }
    }
    for (const q of d.quotes) marks.push({ kind: "quote", start: q[0], end: q[1] });
    const art = $("doc-text");
    clear(art);
    art.append(highlighted(d.text, marks));
    const t = $("doc-events");
    clear(t);
    t.append(
      el("tr", {}, ...["id", "source", "type (CAMEO)", "target", "trigger", "date", "date basis", "factuality", "cue", "rule", "confidence"].map((h) => el("th", {}, h))),
    );
    for (const e of d.events) {
      t.append(
        el(
          "tr",
          { "data-event": e.id },
          el("td", { class: "num" }, e.id),
          el("td", {}, `${e.source_code} (${e.source_text || ""})`),
          el("td", {}, `${e.plover || "—"} (${e.cameo}, ${fmt(e.goldstein, 1)})`),
          el("td", {}, `${e.target_code || "—"} (${e.target_text || ""})`),
          el("td", {}, e.trigger_text || ""),
          el("td", {}, e.date_start || "undated", e.date_text ? ` “${e.date_text}”` : ""),
          el("td", { class: "date-basis" }, e.date_basis),
          el("td", {}, e.factuality),
          el("td", { class: "cue" }, e.factuality_cue || "—"),
          el("td", { class: "rule" }, e.rule || "—"),
          el("td", { class: "num" }, e.confidence === null ? "—" : Number(e.confidence).toFixed(2)),
        ),
      );
    }
    document.body.dataset.ready = "doc";
  } catch (e) {
    showError(e.message);
    document.body.dataset.ready = "error";
  }
}

// ---- Navigation --------------------------------------------------------------------------

function route() {
  const hash = location.hash.replace(/^#/, "") || "balance";
  const [view, arg] = hash.split("/");
  const known = ["balance", "dyad", "events", "doc"];
  const name = known.includes(view) ? view : "balance";
  for (const v of known) $(`view-${v}`).hidden = v !== name;
  for (const a of document.querySelectorAll("header nav a")) {
    a.classList.toggle("active", a.id === `nav-${name}`);
  }
  if (name === "doc" && arg) showDocument(arg);
  else if (name === "balance" && !balanceState) showBalance();
  else if (name === "dyad") showDyad();
  else if (name === "events" && !$("events-table").firstChild) showEvents(false);
}

let actorTimer = null;

function suggestActors(ev) {
  clearTimeout(actorTimer);
  const q = ev.target.value.split(",").pop().trim();
  actorTimer = setTimeout(async () => {
    try {
      const r = await api("/api/actors", { q, limit: 15 });
      const list = $("actor-list");
      clear(list);
      for (const a of r.actors) {
        const o = document.createElement("option");
        o.value = a.code;
        o.label = [a.name, ...a.names.slice(0, 2)].filter(Boolean).join(" · ");
        list.append(o);
      }
    } catch (_) {
      // Suggestions are a convenience; a failed lookup leaves the field as typed.
    }
  }, 150);
}

document.addEventListener("DOMContentLoaded", () => {
  $("balance-form").addEventListener("submit", (e) => {
    e.preventDefault();
    showBalance();
  });
  $("dyad-form").addEventListener("submit", (e) => {
    e.preventDefault();
    showDyad();
  });
  $("events-form").addEventListener("submit", (e) => {
    e.preventDefault();
    showEvents(false);
  });
  $("events-more").addEventListener("click", () => showEvents(true));
  for (const input of document.querySelectorAll("input[list=actor-list], #balance-between")) {
    input.addEventListener("input", suggestActors);
  }
  window.addEventListener("hashchange", route);
  api("/api/health")
    .then((h) => {
      $("store-status").textContent = `${h.documents} documents · ${h.events} events · ${h.unique_events} unique`;
    })
    .catch(() => {});
  route();
});
