// Writes one HTML page per card template (expanded with its sample data by the reference
// templating library) that renders the card with the official renderer, for render-cards.sh.
"use strict";
const fs = require("fs");
const path = require("path");
const ACData = require("adaptivecards-templating");

const root = path.resolve(__dirname, "..", "..");
const templates = path.join(root, "cards", "templates");
const out = process.argv[2];
const renderer = path.join(root, "node_modules", "adaptivecards", "dist", "adaptivecards.min.js");

for (const file of fs.readdirSync(templates).filter((f) => f.endsWith(".json") && !f.endsWith(".sample.json"))) {
  const name = file.slice(0, -".json".length);
  const template = JSON.parse(fs.readFileSync(path.join(templates, file), "utf8"));
  const data = JSON.parse(fs.readFileSync(path.join(templates, name + ".sample.json"), "utf8"));
  const card = new ACData.Template(template).expand({ $root: data });
  const html = `<!doctype html><html><head><meta charset="utf-8">
<style>
  body { margin: 0; padding: 12px; background: #f5f5f5; font-family: "Segoe UI", "Noto Sans CJK SC", "Noto Color Emoji", sans-serif; }
  #card { background: #fff; border: 1px solid #e0e0e0; border-radius: 6px; width: 440px; }
  .ac-pushButton { border: 1px solid #c8c8c8; border-radius: 4px; background: #fff; padding: 6px 10px; margin-right: 4px; }
  .ac-pushButton.style-positive { background: #6264a7; color: #fff; }
  .ac-pushButton.style-destructive { color: #c4314b; }
</style>
<script src="file://${renderer}"></script></head>
<body><div id="card"></div><script>
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig({ fontFamily: "Segoe UI, Noto Sans CJK SC, Noto Color Emoji, sans-serif" });
  card.parse(${JSON.stringify(card)});
  document.getElementById("card").appendChild(card.render());
</script></body></html>`;
  fs.writeFileSync(path.join(out, name + ".html"), html);
}
