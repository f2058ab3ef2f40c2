-- ropa schema level 2: the legal catalogue, reference data taken from the GDPR itself.
--
-- The article reference is authoritative; the labels are short summaries written for
-- ropa in each language (status 'source'), not quotations of the official text.
-- Each entry: one localized_text row, its three labels, then the catalogue row that
-- points at it (last_insert_rowid() still names the text: inserts into WITHOUT ROWID
-- tables such as translation do not change it).


-- Art. 6(1), Art. 9(2), Art. 10
INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Consent of the data subject', 'source'),
    (last_insert_rowid(), 'nl', 'Toestemming van de betrokkene', 'source'),
    (last_insert_rowid(), 'fr', 'Consentement de la personne concernée', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art6-1-a', 'Art. 6(1)(a) GDPR', 'lawfulness', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Performance of a contract with the data subject, or steps prior to entering into one', 'source'),
    (last_insert_rowid(), 'nl', 'Uitvoering van een overeenkomst met de betrokkene, of precontractuele maatregelen', 'source'),
    (last_insert_rowid(), 'fr', 'Exécution d''un contrat avec la personne concernée, ou mesures précontractuelles', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art6-1-b', 'Art. 6(1)(b) GDPR', 'lawfulness', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Compliance with a legal obligation of the controller', 'source'),
    (last_insert_rowid(), 'nl', 'Nakoming van een wettelijke verplichting van de verwerkingsverantwoordelijke', 'source'),
    (last_insert_rowid(), 'fr', 'Respect d''une obligation légale du responsable du traitement', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art6-1-c', 'Art. 6(1)(c) GDPR', 'lawfulness', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Protection of the vital interests of the data subject or another person', 'source'),
    (last_insert_rowid(), 'nl', 'Bescherming van de vitale belangen van de betrokkene of een andere persoon', 'source'),
    (last_insert_rowid(), 'fr', 'Sauvegarde des intérêts vitaux de la personne concernée ou d''une autre personne', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art6-1-d', 'Art. 6(1)(d) GDPR', 'lawfulness', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Performance of a task in the public interest or in the exercise of official authority', 'source'),
    (last_insert_rowid(), 'nl', 'Vervulling van een taak van algemeen belang of uitoefening van het openbaar gezag', 'source'),
    (last_insert_rowid(), 'fr', 'Exécution d''une mission d''intérêt public ou relevant de l''exercice de l''autorité publique', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art6-1-e', 'Art. 6(1)(e) GDPR', 'lawfulness', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Legitimate interests of the controller or a third party', 'source'),
    (last_insert_rowid(), 'nl', 'Gerechtvaardigde belangen van de verwerkingsverantwoordelijke of een derde', 'source'),
    (last_insert_rowid(), 'fr', 'Intérêts légitimes du responsable du traitement ou d''un tiers', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art6-1-f', 'Art. 6(1)(f) GDPR', 'lawfulness', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Explicit consent', 'source'),
    (last_insert_rowid(), 'nl', 'Uitdrukkelijke toestemming', 'source'),
    (last_insert_rowid(), 'fr', 'Consentement explicite', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art9-2-a', 'Art. 9(2)(a) GDPR', 'special_category', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Obligations and rights in employment, social security and social protection law', 'source'),
    (last_insert_rowid(), 'nl', 'Verplichtingen en rechten op het gebied van arbeidsrecht, socialezekerheidsrecht en socialebeschermingsrecht', 'source'),
    (last_insert_rowid(), 'fr', 'Obligations et droits en matière de droit du travail, de la sécurité sociale et de la protection sociale', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art9-2-b', 'Art. 9(2)(b) GDPR', 'special_category', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Vital interests where the data subject cannot give consent', 'source'),
    (last_insert_rowid(), 'nl', 'Vitale belangen wanneer de betrokkene geen toestemming kan geven', 'source'),
    (last_insert_rowid(), 'fr', 'Intérêts vitaux lorsque la personne concernée ne peut donner son consentement', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art9-2-c', 'Art. 9(2)(c) GDPR', 'special_category', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Legitimate activities of a not-for-profit body', 'source'),
    (last_insert_rowid(), 'nl', 'Gerechtvaardigde activiteiten van een instantie zonder winstoogmerk', 'source'),
    (last_insert_rowid(), 'fr', 'Activités légitimes d''un organisme à but non lucratif', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art9-2-d', 'Art. 9(2)(d) GDPR', 'special_category', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Data manifestly made public by the data subject', 'source'),
    (last_insert_rowid(), 'nl', 'Gegevens die kennelijk door de betrokkene openbaar zijn gemaakt', 'source'),
    (last_insert_rowid(), 'fr', 'Données manifestement rendues publiques par la personne concernée', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art9-2-e', 'Art. 9(2)(e) GDPR', 'special_category', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Establishment, exercise or defence of legal claims, or courts acting in their judicial capacity', 'source'),
    (last_insert_rowid(), 'nl', 'Instelling, uitoefening of onderbouwing van een rechtsvordering, of gerechten die handelen in hun rechterlijke taak', 'source'),
    (last_insert_rowid(), 'fr', 'Constatation, exercice ou défense d''un droit en justice, ou juridictions agissant dans leur fonction juridictionnelle', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art9-2-f', 'Art. 9(2)(f) GDPR', 'special_category', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Reasons of substantial public interest', 'source'),
    (last_insert_rowid(), 'nl', 'Redenen van zwaarwegend algemeen belang', 'source'),
    (last_insert_rowid(), 'fr', 'Motifs d''intérêt public important', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art9-2-g', 'Art. 9(2)(g) GDPR', 'special_category', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Preventive or occupational medicine, health or social care', 'source'),
    (last_insert_rowid(), 'nl', 'Preventieve of arbeidsgeneeskunde, gezondheidszorg of sociale diensten', 'source'),
    (last_insert_rowid(), 'fr', 'Médecine préventive ou du travail, soins de santé ou protection sociale', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art9-2-h', 'Art. 9(2)(h) GDPR', 'special_category', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Public interest in the area of public health', 'source'),
    (last_insert_rowid(), 'nl', 'Algemeen belang op het gebied van de volksgezondheid', 'source'),
    (last_insert_rowid(), 'fr', 'Intérêt public dans le domaine de la santé publique', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art9-2-i', 'Art. 9(2)(i) GDPR', 'special_category', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Archiving in the public interest, scientific or historical research, or statistics', 'source'),
    (last_insert_rowid(), 'nl', 'Archivering in het algemeen belang, wetenschappelijk of historisch onderzoek, of statistiek', 'source'),
    (last_insert_rowid(), 'fr', 'Archivage dans l''intérêt public, recherche scientifique ou historique, ou fins statistiques', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art9-2-j', 'Art. 9(2)(j) GDPR', 'special_category', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Criminal convictions and offences: under the control of official authority or authorised by law providing appropriate safeguards', 'source'),
    (last_insert_rowid(), 'nl', 'Strafrechtelijke veroordelingen en strafbare feiten: onder toezicht van de overheid of toegestaan bij wet met passende waarborgen', 'source'),
    (last_insert_rowid(), 'fr', 'Condamnations pénales et infractions : sous le contrôle de l''autorité publique ou autorisé par une loi prévoyant des garanties appropriées', 'source');
INSERT INTO legal_basis (code, article, kind, name_text_id) VALUES ('art10', 'Art. 10 GDPR', 'criminal_data', last_insert_rowid());

-- Chapter V transfer tools
INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Adequacy decision', 'source'),
    (last_insert_rowid(), 'nl', 'Adequaatheidsbesluit', 'source'),
    (last_insert_rowid(), 'fr', 'Décision d''adéquation', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art45', 'Art. 45 GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Legally binding and enforceable instrument between public authorities or bodies', 'source'),
    (last_insert_rowid(), 'nl', 'Juridisch bindend en afdwingbaar instrument tussen overheidsinstanties of -organen', 'source'),
    (last_insert_rowid(), 'fr', 'Instrument juridiquement contraignant et exécutoire entre autorités ou organismes publics', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art46-2-a', 'Art. 46(2)(a) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Binding corporate rules as an appropriate safeguard', 'source'),
    (last_insert_rowid(), 'nl', 'Bindende bedrijfsvoorschriften als passende waarborg', 'source'),
    (last_insert_rowid(), 'fr', 'Règles d''entreprise contraignantes comme garantie appropriée', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art46-2-b', 'Art. 46(2)(b) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Standard data protection clauses adopted by the Commission', 'source'),
    (last_insert_rowid(), 'nl', 'Standaardbepalingen inzake gegevensbescherming vastgesteld door de Commissie', 'source'),
    (last_insert_rowid(), 'fr', 'Clauses types de protection des données adoptées par la Commission', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art46-2-c', 'Art. 46(2)(c) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Standard data protection clauses adopted by a supervisory authority', 'source'),
    (last_insert_rowid(), 'nl', 'Standaardbepalingen inzake gegevensbescherming vastgesteld door een toezichthoudende autoriteit', 'source'),
    (last_insert_rowid(), 'fr', 'Clauses types de protection des données adoptées par une autorité de contrôle', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art46-2-d', 'Art. 46(2)(d) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Approved code of conduct with binding commitments of the recipient', 'source'),
    (last_insert_rowid(), 'nl', 'Goedgekeurde gedragscode met bindende toezeggingen van de ontvanger', 'source'),
    (last_insert_rowid(), 'fr', 'Code de conduite approuvé avec engagements contraignants du destinataire', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art46-2-e', 'Art. 46(2)(e) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Approved certification mechanism with binding commitments of the recipient', 'source'),
    (last_insert_rowid(), 'nl', 'Goedgekeurd certificeringsmechanisme met bindende toezeggingen van de ontvanger', 'source'),
    (last_insert_rowid(), 'fr', 'Mécanisme de certification approuvé avec engagements contraignants du destinataire', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art46-2-f', 'Art. 46(2)(f) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Binding corporate rules approved by the competent supervisory authority', 'source'),
    (last_insert_rowid(), 'nl', 'Bindende bedrijfsvoorschriften goedgekeurd door de bevoegde toezichthoudende autoriteit', 'source'),
    (last_insert_rowid(), 'fr', 'Règles d''entreprise contraignantes approuvées par l''autorité de contrôle compétente', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art47', 'Art. 47 GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Explicit consent to the proposed transfer', 'source'),
    (last_insert_rowid(), 'nl', 'Uitdrukkelijke instemming met de voorgestelde doorgifte', 'source'),
    (last_insert_rowid(), 'fr', 'Consentement explicite au transfert envisagé', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art49-1-a', 'Art. 49(1)(a) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Performance of a contract between the data subject and the controller', 'source'),
    (last_insert_rowid(), 'nl', 'Uitvoering van een overeenkomst tussen de betrokkene en de verwerkingsverantwoordelijke', 'source'),
    (last_insert_rowid(), 'fr', 'Exécution d''un contrat entre la personne concernée et le responsable du traitement', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art49-1-b', 'Art. 49(1)(b) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Contract concluded in the interest of the data subject', 'source'),
    (last_insert_rowid(), 'nl', 'Overeenkomst gesloten in het belang van de betrokkene', 'source'),
    (last_insert_rowid(), 'fr', 'Contrat conclu dans l''intérêt de la personne concernée', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art49-1-c', 'Art. 49(1)(c) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Important reasons of public interest', 'source'),
    (last_insert_rowid(), 'nl', 'Gewichtige redenen van algemeen belang', 'source'),
    (last_insert_rowid(), 'fr', 'Motifs importants d''intérêt public', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art49-1-d', 'Art. 49(1)(d) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Establishment, exercise or defence of legal claims', 'source'),
    (last_insert_rowid(), 'nl', 'Instelling, uitoefening of onderbouwing van een rechtsvordering', 'source'),
    (last_insert_rowid(), 'fr', 'Constatation, exercice ou défense de droits en justice', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art49-1-e', 'Art. 49(1)(e) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Vital interests where the data subject cannot give consent', 'source'),
    (last_insert_rowid(), 'nl', 'Vitale belangen wanneer de betrokkene geen toestemming kan geven', 'source'),
    (last_insert_rowid(), 'fr', 'Intérêts vitaux lorsque la personne concernée ne peut donner son consentement', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art49-1-f', 'Art. 49(1)(f) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Transfer from a public register', 'source'),
    (last_insert_rowid(), 'nl', 'Doorgifte vanuit een openbaar register', 'source'),
    (last_insert_rowid(), 'fr', 'Transfert au départ d''un registre public', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art49-1-g', 'Art. 49(1)(g) GDPR', 0, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Compelling legitimate interests: not repetitive, limited number of data subjects, suitable safeguards documented, authority informed', 'source'),
    (last_insert_rowid(), 'nl', 'Dwingende gerechtvaardigde belangen: niet repetitief, beperkt aantal betrokkenen, passende waarborgen gedocumenteerd, toezichthouder geïnformeerd', 'source'),
    (last_insert_rowid(), 'fr', 'Intérêts légitimes impérieux : non répétitif, nombre limité de personnes concernées, garanties appropriées documentées, autorité informée', 'source');
INSERT INTO transfer_tool (code, article, requires_safeguards_documentation, name_text_id) VALUES ('art49-1-2', 'Art. 49(1), second subparagraph, GDPR', 1, last_insert_rowid());

-- Art. 32(1) and the usual organisational measure types (CNIL's list)
INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Pseudonymisation and encryption', 'source'),
    (last_insert_rowid(), 'nl', 'Pseudonimisering en versleuteling', 'source'),
    (last_insert_rowid(), 'fr', 'Pseudonymisation et chiffrement', 'source');
INSERT INTO security_measure_type (code, article, name_text_id) VALUES ('art32-1-a', 'Art. 32(1)(a) GDPR', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Confidentiality, integrity, availability and resilience of systems and services', 'source'),
    (last_insert_rowid(), 'nl', 'Vertrouwelijkheid, integriteit, beschikbaarheid en veerkracht van systemen en diensten', 'source'),
    (last_insert_rowid(), 'fr', 'Confidentialité, intégrité, disponibilité et résilience des systèmes et des services', 'source');
INSERT INTO security_measure_type (code, article, name_text_id) VALUES ('art32-1-b', 'Art. 32(1)(b) GDPR', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Timely restoration of availability and access after an incident', 'source'),
    (last_insert_rowid(), 'nl', 'Tijdig herstel van de beschikbaarheid en de toegang na een incident', 'source'),
    (last_insert_rowid(), 'fr', 'Rétablissement dans des délais appropriés de la disponibilité et de l''accès après un incident', 'source');
INSERT INTO security_measure_type (code, article, name_text_id) VALUES ('art32-1-c', 'Art. 32(1)(c) GDPR', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Regular testing, assessing and evaluating of the measures', 'source'),
    (last_insert_rowid(), 'nl', 'Regelmatige test, beoordeling en evaluatie van de maatregelen', 'source'),
    (last_insert_rowid(), 'fr', 'Procédure de test, d''analyse et d''évaluation régulières des mesures', 'source');
INSERT INTO security_measure_type (code, article, name_text_id) VALUES ('art32-1-d', 'Art. 32(1)(d) GDPR', last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Access control', 'source'),
    (last_insert_rowid(), 'nl', 'Toegangsbeheer', 'source'),
    (last_insert_rowid(), 'fr', 'Contrôle d''accès', 'source');
INSERT INTO security_measure_type (code, article, name_text_id) VALUES ('access-control', NULL, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Logging and traceability', 'source'),
    (last_insert_rowid(), 'nl', 'Logging en traceerbaarheid', 'source'),
    (last_insert_rowid(), 'fr', 'Journalisation et traçabilité', 'source');
INSERT INTO security_measure_type (code, article, name_text_id) VALUES ('traceability', NULL, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Backups', 'source'),
    (last_insert_rowid(), 'nl', 'Back-ups', 'source'),
    (last_insert_rowid(), 'fr', 'Sauvegardes', 'source');
INSERT INTO security_measure_type (code, article, name_text_id) VALUES ('backup', NULL, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Physical security', 'source'),
    (last_insert_rowid(), 'nl', 'Fysieke beveiliging', 'source'),
    (last_insert_rowid(), 'fr', 'Sécurité physique', 'source');
INSERT INTO security_measure_type (code, article, name_text_id) VALUES ('physical', NULL, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Staff awareness and training', 'source'),
    (last_insert_rowid(), 'nl', 'Bewustmaking en opleiding van het personeel', 'source'),
    (last_insert_rowid(), 'fr', 'Sensibilisation et formation du personnel', 'source');
INSERT INTO security_measure_type (code, article, name_text_id) VALUES ('training', NULL, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Control of processors', 'source'),
    (last_insert_rowid(), 'nl', 'Controle op verwerkers', 'source'),
    (last_insert_rowid(), 'fr', 'Contrôle des sous-traitants', 'source');
INSERT INTO security_measure_type (code, article, name_text_id) VALUES ('processor-control', NULL, last_insert_rowid());

INSERT INTO localized_text DEFAULT VALUES;
INSERT INTO translation (text_id, lang, value, status) VALUES
    (last_insert_rowid(), 'en', 'Other measure', 'source'),
    (last_insert_rowid(), 'nl', 'Andere maatregel', 'source'),
    (last_insert_rowid(), 'fr', 'Autre mesure', 'source');
INSERT INTO security_measure_type (code, article, name_text_id) VALUES ('other', NULL, last_insert_rowid());
