import os
import json, re
from translations import EN, FR
TICK, EMPTY = '\u2713', '\uf0fb'
src = open(os.path.join(os.path.dirname(__file__), '../../../shared/seeds/001_d75578f0928671d7.txt'), encoding='utf-8').read().split('\n')
rows = json.load(open(os.path.join(os.path.dirname(__file__), 'rows.json')))
firsts = [r['first'] for r in rows]
cats = [
 ("identification", {"nl":"Identificatiegegevens, contactgegevens en gegevens over de gezinssituatie","fr":"Données d'identification, coordonnées et données relatives à la situation familiale","en":"Identification data, contact details and data on family situation"}, False),
 ("navigation", {"nl":"Navigatiegegevens en elektronische-communicatiegegevens (die geen betrekking hebben op de inhoud van de communicatie)","fr":"Données de navigation et données de communications électroniques (ne portant pas sur le contenu des communications)","en":"Navigation data and electronic communications data (not relating to the content of communications)"}, False),
 ("video-surveillance", {"nl":"Gegevens verzameld in het kader van videobewaking van besloten, niet voor het publiek toegankelijke plaatsen","fr":"Données collectées dans le cadre de la vidéosurveillance de lieux fermés non accessibles au public","en":"Data collected through video surveillance of enclosed places not accessible to the public"}, False),
 ("sanctions", {"nl":"Gegevens betreffende administratieve of strafrechtelijke sancties","fr":"Données relatives aux sanctions administratives ou pénales","en":"Data relating to administrative or criminal sanctions"}, True),
]
notes = {
 59: ("navigation", {"nl":"(gebruikte zoekmachine; gebruikte trefwoorden; de website waarlangs u gekomen bent; geraadpleegde pagina’s; raadplegingsduur per pagina; lijst van gedownloade bestanden; datum en tijdstip van toegang; gebruikte browser; platform en/of besturingssysteem dat op uw computer is geïnstalleerd)",
      "fr":"(moteur de recherche utilisé ; mots-clés utilisés ; site web par lequel vous êtes arrivé ; pages consultées ; durée de consultation par page ; liste des fichiers téléchargés ; date et heure d'accès ; navigateur utilisé ; plateforme et/ou système d'exploitation installé sur votre ordinateur)",
      "en":"(search engine used; keywords used; the website through which you arrived; pages viewed; time spent per page; list of files downloaded; date and time of access; browser used; platform and/or operating system installed on your computer)"}),
 62: ("navigation", {"nl":"Logbestanden betreffende het webverkeer","fr":"Fichiers journaux relatifs au trafic web","en":"Log files on web traffic"}),
}
sources = [
 ("be-nis2-law", {"nl":"Wet van 26 april 2024 (NIS2-wet)","fr":"Loi du 26 avril 2024 (loi NIS2)","en":"Act of 26 April 2024 (NIS2 Act)"}, "Wet van 26 april 2024", "BE", "privacy statement; named as 'NIS2-wet' in purpose texts"),
 ("be-kb-2014-10-10", {"nl":"Koninklijk besluit van 10 oktober 2014","fr":"Arrêté royal du 10 octobre 2014","en":"Royal Decree of 10 October 2014"}, "Koninklijk besluit van 10 oktober 2014", "BE", "privacy statement"),
 ("be-csa-law", {"nl":"Wet van 20 juli 2022 betreffende de cyberbeveiligingscertificering (CSA-wet)","fr":"Loi du 20 juillet 2022 relative à la certification de cybersécurité (loi CSA)","en":"Act of 20 July 2022 on cybersecurity certification (CSA Act)"}, "Wet van 20 juli 2022", "BE", "privacy statement; named as 'CSA-wet' in a purpose text (identified with the law of 20 July 2022 by the transcriber)"),
 ("eu-2021-887", {"nl":"Verordening (EU) 2021/887","fr":"Règlement (UE) 2021/887","en":"Regulation (EU) 2021/887"}, "Regulation (EU) 2021/887", "EU", "privacy statement; purpose texts"),
 ("eu-2019-881", {"nl":"Verordening (EU) 2019/881","fr":"Règlement (UE) 2019/881","en":"Regulation (EU) 2019/881"}, "Regulation (EU) 2019/881", "EU", "purpose text"),
 ("be-cip-law-2011", {"nl":"Wet van 1 juli 2011 betreffende de beveiliging en de bescherming van kritieke infrastructuren","fr":"Loi du 1er juillet 2011 relative à la sécurité et la protection des infrastructures critiques","en":"Act of 1 July 2011 on the security and protection of critical infrastructures"}, "Wet van 1 juli 2011", "BE", "purpose text"),
 ("eu-nis2-directive", {"nl":"NIS2-richtlijn (Richtlijn (EU) 2022/2555)","fr":"Directive NIS2 (directive (UE) 2022/2555)","en":"NIS2 Directive (Directive (EU) 2022/2555)"}, "Directive (EU) 2022/2555", "EU", "purpose text names 'NIS2-richtlijn'; the number 2022/2555 was added by the transcriber"),
]
# purposes whose own text names a legal source (by annex position)
named = {3:["be-nis2-law"], 23:["eu-nis2-directive"], 25:["be-cip-law-2011","be-nis2-law"], 26:["be-nis2-law"], 27:["be-nis2-law"],
         37:["eu-2019-881","be-csa-law"], 40:["eu-2021-887"], 41:["eu-2021-887"], 42:["eu-2021-887"]}
groups = [
 {"code":"public-task","name":{"nl":"Taak van openbaar belang","fr":"Mission d'intérêt public","en":"Task in the public interest"},
  "legal_bases":["art6-1-e"], "members": [51,52],
  "provenance":"Left-hand group label legible only in the OCR copy (000_93a73752c8431e59.txt), printed as 'Taak van openbaar / belang' above the two purposes it covers."},
 {"code":"contract-or-consent","name":{"nl":"Uitvoering van een overeenkomst of toestemming","fr":"Exécution d'un contrat ou consentement","en":"Performance of a contract or consent"},
  "legal_bases":["art6-1-b","art6-1-a"], "members": [53,54,55,56,57,58],
  "provenance":"Left-hand group label legible only in the OCR copy (000_93a73752c8431e59.txt), printed as 'Uitvoering van een overeenkomst of / toestemming' above the six purposes it covers."},
]
member_group = {m: g["code"] for g in groups for m in g["members"]}
fix36 = ("EU-conformiteitsver-klaringen en conformiteitsbe-oordelingsinstan¬ties", "EU-conformiteitsverklaringen en conformiteitsbeoordelingsinstanties")
purposes = []
for n, r in enumerate(rows, 1):
    nl = r['nl']
    if n == 36:
        assert fix36[0] in nl; nl = nl.replace(fix36[0], fix36[1])
    ticks = r['cells']
    if len(ticks) == 2: ticks = ticks + [False, False]   # see seed/README.md: the statistics row
    links = []
    for ci, t in enumerate(ticks):
        if t:
            l = {"category": cats[ci][0]}
            if n in notes and notes[n][0] == cats[ci][0]: l["note"] = notes[n][1]
            links.append(l)
    p = {"code": f"P{n:02d}", "annex_row": n, "source_line": firsts[n-1],
         "name": {"nl": nl, "fr": FR[n-1], "en": EN[n-1]}}
    if n in member_group: p["group"] = member_group[n]
    p["data_categories"] = links
    if n in named: p["legal_sources"] = named[n]
    purposes.append(p)
seed = {
 "seed": "ccb-annex",
 "seed_format": 1,
 "title": "Centre for Cybersecurity Belgium: Annex I of the privacy statement (Bijlage I: tabel met de doeleinden)",
 "languages": {"nl": "source", "fr": "unofficial", "en": "unofficial"},
 "controller": {"name": {"nl":"Centrum voor Cybersecurity België","fr":"Centre pour la Cybersécurité Belgique","en":"Centre for Cybersecurity Belgium"},
                "name_status": "official",
                "address": "Wetstraat 18 / Rue de la Loi 18, 1000 Brussel / Bruxelles, BE",
                "is_public_authority": True},
 "legal_sources": [{"code":c, "title":t, "reference":ref, "jurisdiction":j, "provenance":pv} for c,t,ref,j,pv in sources],
 "data_categories": [{"code":c, "annex_column": i+1, "name":nm, "is_special": False, "is_criminal": crim} for i,(c,nm,crim) in enumerate(cats)],
 "purpose_groups": [{k:v for k,v in g.items() if k != "members"} for g in groups],
 "purposes": purposes,
}
json.dump(seed, open(os.path.join(os.path.dirname(__file__), '../ccb-annex.json'), 'w'), ensure_ascii=False, indent=2)
print(sum(len(p["data_categories"]) for p in purposes), "links")
