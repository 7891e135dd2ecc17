// Reference implementations for the card tests, run by the C# tests through node.
// Reads a JSON array of jobs on stdin and writes a JSON array of results:
//   { "expand":   { "template": {...}, "data": {...} } } -> { "card": {...} }  (adaptivecards-templating 2.3.1)
//   { "validate": {...card...} }                         -> { "events": ["..."] } (adaptivecards 3.0.6 parser)
"use strict";
const ACData = require("adaptivecards-templating");
const AC = require("adaptivecards/dist/adaptivecards.min.js");

function expand(job) {
  const template = new ACData.Template(job.template);
  return { card: template.expand({ $root: job.data }) };
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

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const jobs = JSON.parse(input);
  const out = jobs.map((job) => {
    try {
      if (job.expand) return expand(job.expand);
      if (job.validate) return validate(job.validate);
      return { error: "unknown job" };
    } catch (err) {
      return { error: String(err && err.stack || err) };
    }
  });
  process.stdout.write(JSON.stringify(out));
});
