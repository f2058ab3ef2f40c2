// Reads ropa's dpv export with an independent JSON-LD processor (jsonld.js, from the npm
// registry): expands it and turns it into RDF in safe mode (any term that would be dropped or
// left relative fails), with no remote context fetched; checks that every IRI it uses in DPV's
// namespaces is a DPV 2.3 term, and that every activity of the JSON export is there with all
// its purposes, legal bases, data categories, data subjects, recipients and time limits.
//   node check_dpv.cjs JSONLD_MODULE_DIR DPV_FILE JSON_FILE TERMS_FILE BASE
"use strict";
const fs = require("fs");
const path = require("path");
const [moduleDir, dpvFile, jsonFile, termsFile, base] = process.argv.slice(2);
const jsonld = require(path.join(moduleDir, "node_modules", "jsonld"));

const prefixes = {
  "dpv:": "https://w3id.org/dpv#",
  "eu-gdpr:": "https://w3id.org/dpv/legal/eu/gdpr#",
  "pd:": "https://w3id.org/dpv/pd#",
  "loc:": "https://w3id.org/dpv/loc#",
};
const known = new Set();
for (const line of fs.readFileSync(termsFile, "utf8").split("\n")) {
  if (!line || line.startsWith("#")) continue;
  for (const [prefix, ns] of Object.entries(prefixes))
    if (line.startsWith(prefix)) known.add(ns + line.slice(prefix.length));
}

let failed = 0;
const check = (name, ok, detail) => {
  if (!ok) {
    failed++;
    console.log("FAILED:", name, detail === undefined ? "" : JSON.stringify(detail).slice(0, 400));
  }
};
const offline = async (url) => { throw new Error("no remote context may be fetched: " + url); };

(async () => {
  const doc = JSON.parse(fs.readFileSync(dpvFile, "utf8"));
  const record = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
  let expanded;
  try {
    expanded = await jsonld.expand(doc, { safe: true, documentLoader: offline });
    await jsonld.toRDF(doc, { safe: true, documentLoader: offline, format: "application/n-quads" });
  } catch (e) {
    console.log("FAILED: expands in safe mode:", e.message, JSON.stringify(e.details || {}).slice(0, 600));
    process.exit(1);
  }

  // every IRI used in DPV's namespaces is one DPV defines
  const unknown = new Set();
  const visit = (value) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (!key.startsWith("@")) noteIri(key);
        if (key === "@type") [].concat(inner).forEach(noteIri);
        if (key === "@id") noteIri(inner);
        visit(inner);
      }
    }
  };
  const noteIri = (iri) => {
    for (const ns of Object.values(prefixes))
      if (typeof iri === "string" && iri.startsWith(ns) && !known.has(iri)) unknown.add(iri);
  };
  visit(expanded);
  check("every DPV IRI is a DPV 2.3 term", unknown.size === 0, [...unknown]);

  // nothing lost: each activity with everything its record lists
  const nodes = new Map();
  const index = (value) => {
    if (Array.isArray(value)) return value.forEach(index);
    if (value && typeof value === "object") {
      if (value["@id"] && Object.keys(value).length > 1) nodes.set(value["@id"], value);
      Object.values(value).forEach(index);
    }
  };
  index(expanded);
  const D = prefixes["dpv:"];
  const ids = (node, property) => (node[D + property] || []).map((v) => v["@id"]);
  check("the base ends with a slash", base.endsWith("/"), base);
  check("the register is a dpv:ROPA", (nodes.get(base) || {})["@type"]?.includes(D + "ROPA"));
  for (const activity of record.activities) {
    const node = nodes.get(base + "activity/" + activity.code);
    check("activity " + activity.code + " is a dpv:Process", node && node["@type"].includes(D + "Process"));
    if (!node) continue;
    const codes = (list) => (list || []).map((item) => (typeof item === "string" ? item : item.code));
    const expect = (property, kind, list) => {
      const want = codes(list).map((code) => base + kind + "/" + code).sort();
      const got = ids(node, property).sort();
      check(activity.code + " " + property, JSON.stringify(got) === JSON.stringify(want), { got, want });
    };
    expect("hasPurpose", "purpose", activity.purposes);
    expect("hasPersonalData", "category", activity.data_categories);
    expect("hasDataSubject", "subject", activity.data_subjects);
    expect("hasRecipient", "recipient", activity.recipients);
    expect("hasTechnicalOrganisationalMeasure", "measure", activity.security_measures);
    check(activity.code + " legal bases", ids(node, "hasLegalBasis").length === (activity.legal_bases || []).length);
    check(activity.code + " time limits", ids(node, "hasStorageCondition").length === (activity.retention || []).length,
          ids(node, "hasStorageCondition"));
    const name = node["http://www.w3.org/2004/02/skos/core#prefLabel"] || [];
    for (const [lang, text] of Object.entries(activity.name || {}))
      check(activity.code + " name in " + lang, name.some((v) => v["@language"] === lang && v["@value"] === text));
  }
  // GDPR's legal bases are DPV's own concepts
  const all = JSON.stringify(expanded);
  check("Art. 6(1)(e) is eu-gdpr:A6-1-e", all.includes('"' + prefixes["eu-gdpr:"] + 'A6-1-e"'));
  console.log(failed ? failed + " failed" : "dpv export: all checks passed");
  process.exit(failed ? 1 : 0);
})();
