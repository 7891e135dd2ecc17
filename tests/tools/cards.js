// Reference implementations for the card tests, run by the C# tests through node.
// Reads a JSON array of jobs on stdin and writes a JSON array of results:
//   { "expand":   { "template": {...}, "data": {...} } } -> { "card": {...} }  (adaptivecards-templating 2.3.1)
//   { "validate": {...card...} }                         -> { "events": ["..."] } (adaptivecards 3.0.6 parser)
//   { "submit": { "card": {...}, "inputs": { id: text }, "verb": "..." } }
//                                                        -> { "action": { type, title, verb, data } }
//     renders the card in a DOM (jsdom), types the inputs into the rendered controls, presses the button
//     with that verb and returns what the renderer hands the host — what the Agents Playground sends as
//     value.action of its adaptiveCard/action invoke (and Teams likewise).
"use strict";
const ACData = require("adaptivecards-templating");
const AC = require("adaptivecards/dist/adaptivecards.min.js");

// stdout carries the answer: the renderer's own notes (e.g. that markdown is not processed) go to stderr.
console.log = console.error;

function expand(job) {
  const template = new ACData.Template(job.template);
  return { card: template.expand({ $root: job.data }) };
}

// The chart elements Teams renders (learn.microsoft.com: "Charts in Adaptive Cards") are not in the
// adaptivecards 3.0.6 renderer. They are registered here as elements that check their own shape, so a
// card with charts is validated like any other: a wrong chart gives validation events, not silence.
const ChartColors = new Set(["good", "warning", "attention", "neutral", "categoricalRed", "categoricalPurple", "categoricalLavender",
  "categoricalBlue", "categoricalLightBlue", "categoricalTeal", "categoricalGreen", "categoricalLime", "categoricalMarigold",
  "sequential1", "sequential2", "sequential3", "sequential4", "sequential5", "sequential6", "sequential7", "sequential8",
  "divergingBlue", "divergingLightBlue", "divergingCyan", "divergingTeal", "divergingYellow", "divergingPeach", "divergingLightRed",
  "divergingRed", "divergingMaroon", "divergingGray"]);
const ChartShapes = {
  "Chart.Gauge": (j, fail) => {
    num(j.value, "value", fail, true);
    if (j.min !== undefined) num(j.min, "min", fail);
    if (j.max !== undefined) num(j.max, "max", fail);
    if (j.valueFormat !== undefined && !["Percentage", "Fraction"].includes(j.valueFormat)) fail("valueFormat must be Percentage or Fraction");
    list(j.segments, "segments", fail, (s, at) => { num(s.size, at + ".size", fail); color(s.color, at, fail); str(s.legend, at + ".legend", fail); });
  },
  "Chart.VerticalBar": (j, fail) => list(j.data, "data", fail, (d, at) => { xval(d.x, at, fail); num(d.y, at + ".y", fail); color(d.color, at, fail); }, true),
  "Chart.VerticalBar.Grouped": (j, fail) => series(j, fail),
  "Chart.Line": (j, fail) => series(j, fail),
  "Chart.Donut": (j, fail) => slices(j, fail),
  "Chart.Pie": (j, fail) => slices(j, fail),
  "Chart.HorizontalBar": (j, fail) => list(j.data, "data", fail, (d, at) => { str(d.x, at + ".x", fail); num(d.y, at + ".y", fail); color(d.color, at, fail); }, true),
  "Chart.HorizontalBar.Stacked": (j, fail) => list(j.data, "data", fail, (g, at) => { str(g.title, at + ".title", fail); list(g.data, at + ".data", fail, (d, at2) => { str(d.legend, at2 + ".legend", fail); num(d.value, at2 + ".value", fail); color(d.color, at2, fail); }, true); }, true),
};
function num(v, at, fail, required) { if (v === undefined && !required) return; if (typeof v !== "number" || !isFinite(v)) fail(`${at} must be a number, got ${JSON.stringify(v)}`); }
function str(v, at, fail) { if (v !== undefined && typeof v !== "string") fail(`${at} must be a string`); }
function xval(v, at, fail) { if (typeof v !== "string" && typeof v !== "number") fail(`${at}.x must be a string or a number`); }
function color(v, at, fail) { if (v !== undefined && !ChartColors.has(v)) fail(`${at}.color "${v}" is not a chart colour`); }
function list(v, at, fail, each, required) {
  if (v === undefined && !required) return;
  if (!Array.isArray(v)) { fail(`${at} must be an array`); return; }
  v.forEach((item, i) => (item && typeof item === "object") ? each(item, `${at}[${i}]`) : fail(`${at}[${i}] must be an object`));
}
function series(j, fail) { list(j.data, "data", fail, (s, at) => { str(s.legend, at + ".legend", fail); color(s.color, at, fail); list(s.values, at + ".values", fail, (p, at2) => { xval(p.x, at2, fail); num(p.y, at2 + ".y", fail); }, true); }, true); }
function slices(j, fail) { list(j.data, "data", fail, (d, at) => { str(d.legend, at + ".legend", fail); num(d.value, at + ".value", fail); color(d.color, at, fail); }, true); }

for (const type of Object.keys(ChartShapes)) {
  class ChartElement extends AC.CardElement {
    getJsonTypeName() { return type; }
    internalParse(source, context) { super.internalParse(source, context); this.chartJson = source; }
    internalValidateProperties(context) {
      super.internalValidateProperties(context);
      ChartShapes[type](this.chartJson || {}, (message) => context.addFailure(this, AC.ValidationEvent.InvalidPropertyValue, `${type}: ${message}`));
    }
    internalRender() { const div = document.createElement("div"); div.textContent = type; return div; }
  }
  AC.GlobalRegistry.elements.register(type, ChartElement, AC.Versions.v1_5);
}

function validate(json) {
  const events = [];
  const context = new AC.SerializationContext();
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    events.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  const results = card.validateProperties();
  for (const e of results.validationEvents || []) {
    events.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  return { events };
}

let dom;
function submit(job) {
  if (!dom) {
    const { JSDOM } = require("jsdom");
    dom = new JSDOM("<!doctype html><html><body></body></html>");
    for (const k of ["window", "document", "navigator", "HTMLElement", "HTMLButtonElement", "HTMLInputElement", "HTMLTextAreaElement", "HTMLSelectElement", "Node", "Event", "KeyboardEvent", "getComputedStyle"]) {
      global[k] = k === "window" ? dom.window : dom.window[k];
    }
  }
  const card = new AC.AdaptiveCard();
  card.parse(job.card);
  let sent = null;
  card.onExecuteAction = (a) => { sent = { type: a.getJsonTypeName(), title: a.title, verb: a.verb, data: a.data }; };
  const root = card.render();
  document.body.innerHTML = "";
  document.body.appendChild(root);
  const missing = [];
  for (const [id, text] of Object.entries(job.inputs || {})) {
    const input = card.getAllInputs().find((i) => i.id === id);
    const control = input && input.renderedElement && input.renderedElement.querySelector("textarea, input, select");
    if (!control) { missing.push(id); continue; }
    control.value = text;
    control.dispatchEvent(new dom.window.Event("input", { bubbles: true }));
    control.dispatchEvent(new dom.window.Event("change", { bubbles: true }));
  }
  const actions = [];
  const walk = (element) => {
    if (element.getActionCount) for (let i = 0; i < element.getActionCount(); i++) actions.push(element.getActionAt(i));
    if (element.getItemCount) for (let i = 0; i < element.getItemCount(); i++) walk(element.getItemAt(i));
  };
  walk(card);
  const action = actions.find((a) => a.verb === job.verb);
  if (!action) return { error: `no button with the verb ${job.verb}`, missing };
  action.renderedElement.click();
  return { action: sent, missing };
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const jobs = JSON.parse(input);
  const out = jobs.map((job) => {
    try {
      if (job.expand) return expand(job.expand);
      if (job.validate) return validate(job.validate);
      if (job.submit) return submit(job.submit);
      return { error: "unknown job" };
    } catch (err) {
      return { error: String(err && err.stack || err) };
    }
  });
  process.stdout.write(JSON.stringify(out));
});
