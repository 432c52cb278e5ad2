// newskg knowledge graph for Neo4j 5 (generated: do not edit)
// Run: cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f import.cypher
// Each statement ends with a semicolon at the end of a line and no other line does,
// a :param line before a statement sets the rows it reads
// 21 nodes, 36 relationships; MERGE makes a rerun change nothing

CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:`Node`) REQUIRE n.id IS UNIQUE;

CREATE INDEX entity_name IF NOT EXISTS FOR (n:`Entity`) ON (n.name);

CREATE INDEX entity_type IF NOT EXISTS FOR (n:`Entity`) ON (n.type);

CREATE INDEX article_id IF NOT EXISTS FOR (n:`Article`) ON (n.article_id);

CREATE POINT INDEX entity_location IF NOT EXISTS FOR (n:`Entity`) ON (n.location);

:param {rows: [{id: 'https://w3id.org/newskg/id/article/bbc-a2', props: {article_id: 'bbc-a2', name: 'Zelenskyy on the war', source: 'BBC'}, dates: {date: '2022-05-24'}}, {id: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', props: {article_id: 'odd <a3>', name: 'Hostile "title" </script>', source: 'Test & Co'}, dates: {date: '2022-03-22'}}, {id: 'https://w3id.org/newskg/id/article/rfe-a1', props: {article_id: 'rfe-a1', name: 'Mariupol theater', source: 'RFE/RL', url: 'https://example.org/a1'}, dates: {date: '2022-03-21'}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n.date = date(row.dates.date), n:`Article`;

:param {rows: [{id: 'https://w3id.org/newskg/id/claim/3f00e0383a9e1bb6', props: {name: '100,000 civilians remaining', value: 100000, category: 'remaining', counted: 'civilians', text: '100,000 civilians', claimant_text: 'Kiev', article: 'bbc-a2', sentence: 'Kiev says 100,000 civilians are still inside the city.', sentence_index: 0, `start`: 10, `end`: 53, confidence: 0.6, extractor: 'newskg-0.1.0', rule: 'still_inside_figure', topic: 'https://w3id.org/newskg/id/topic/remaining-people-city-kyiv', topic_label: 'remaining (people) in Kyiv'}, dates: {date: '2022-05-24'}}, {id: 'https://w3id.org/newskg/id/claim/b6c613aba520efc4', props: {name: 'at least 2,300 people killed', value: 2300, qualifier: 'at least', category: 'killed', counted: 'people', text: 'At least 2,300 people', claimant_text: 'authorities', article: 'rfe-a1', sentence: 'At least 2,300 people have died in Mariupol, some buried in mass graves, authorities have said.', sentence_index: 1, `start`: 125, `end`: 168, confidence: 0.8, extractor: 'newskg-0.1.0', rule: 'category_of_the_verb', topic: 'https://w3id.org/newskg/id/topic/killed-people-city-mariupol', topic_label: 'killed (people) in Mariupol'}, dates: {date: '2022-03-21'}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n.date = date(row.dates.date), n:`Claim`;

:param {rows: [{id: 'https://w3id.org/newskg/id/city/kyiv', props: {name: 'Kyiv', type: 'City', aliases: ['KYIV', 'Kiev'], geonames: 'https://sws.geonames.org/703448/', name_rules: ['KYIV (same normalised name)', 'Kiev (GeoNames name)', 'Kyiv (canonical name)']}, dates: {}, points: {location: {latitude: 50.45466, longitude: 30.5238}}}, {id: 'https://w3id.org/newskg/id/city/lviv', props: {name: 'Lviv', type: 'City', geonames: 'https://sws.geonames.org/702550/', name_rules: ['Lviv (canonical name)']}, dates: {}, points: {location: {latitude: 49.83826, longitude: 24.02324}}}, {id: 'https://w3id.org/newskg/id/city/mariupol', props: {name: 'Mariupol', type: 'City', geonames: 'https://sws.geonames.org/701822/', name_rules: ['Mariupol (canonical name)']}, dates: {}, points: {location: {latitude: 47.09514, longitude: 37.54131}}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n.location = point(row.points.location), n:`Entity`:`City`;

:param {rows: [{id: 'https://w3id.org/newskg/id/country/russia', props: {name: 'Russia', type: 'Country', aliases: ['Russian'], geonames: 'https://sws.geonames.org/2017370/', name_rules: ['Russia (canonical name)', 'Russian (read by the extractor)']}, dates: {}, points: {location: {latitude: 60.0, longitude: 100.0}}}, {id: 'https://w3id.org/newskg/id/country/ukraine', props: {name: 'Ukraine', type: 'Country', geonames: 'https://sws.geonames.org/690791/', name_rules: ['Ukraine (canonical name)']}, dates: {}, points: {location: {latitude: 49.0, longitude: 32.0}}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n.location = point(row.points.location), n:`Entity`:`Country`;

:param {rows: [{id: 'https://w3id.org/newskg/id/facility/theater-mariupol', props: {name: 'theater (Mariupol)', type: 'Facility', name_rules: ['theater (Mariupol) (canonical name)']}, dates: {}, points: {}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n.location = point(row.points.location), n:`Entity`:`Facility`;

:param {rows: [{id: 'https://w3id.org/newskg/id/group/russian-forces', props: {name: 'Russian forces', type: 'Group', name_rules: ['Russian forces (canonical name)']}, dates: {}, points: {}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n.location = point(row.points.location), n:`Entity`:`Group`;

:param {rows: [{id: 'https://w3id.org/newskg/id/organization/bbc', props: {name: 'BBC', type: 'Organization', name_rules: ['BBC (canonical name)']}, dates: {}, points: {}}, {id: 'https://w3id.org/newskg/id/organization/rfe-rl', props: {name: 'RFE/RL', type: 'Organization', name_rules: ['RFE/RL (canonical name)']}, dates: {}, points: {}}, {id: 'https://w3id.org/newskg/id/organization/test-co', props: {name: 'Test & Co', type: 'Organization', name_rules: ['Test & Co (canonical name)']}, dates: {}, points: {}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n.location = point(row.points.location), n:`Entity`:`Organization`;

:param {rows: [{id: 'https://w3id.org/newskg/id/person/vitali-script-window-pwned-1-script-klitschko', props: {name: 'Vitali <script>window.pwned=1</script> Klitschko', type: 'Person', name_rules: ['Vitali <script>window.pwned=1</script> Klitschko (canonical name)']}, dates: {}, points: {}}, {id: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', props: {name: 'Volodymyr Zelenskyy', type: 'Person', aliases: ['Mr Zelenskyy', 'Zelenskiy', 'Zelenskyy'], name_rules: ['Mr Zelenskyy (surname, unambiguous in the article)', 'Volodymyr Zelenskyy (canonical name)', 'Zelenskiy (surname, unambiguous in the corpus)', 'Zelenskyy (surname, unambiguous in the article)']}, dates: {}, points: {}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n.location = point(row.points.location), n:`Entity`:`Person`;

:param {rows: [{id: 'https://w3id.org/newskg/id/statement/0ff8f6e706493298', props: {name: 'Indeed, there has not been such a war on the European conti…', text: 'Indeed, there has not been such a war on the European continent for 77 years', cue: 'say', mode: 'direct', speaker_text: 'Mr Zelenskyy', article: 'bbc-a2', sentence: '“Indeed, there has not been such a war on the European continent for 77 years,” Mr Zelenskyy said.', sentence_index: 1, `start`: 55, `end`: 152, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'speech_verb_after_quote'}, dates: {}}, {id: 'https://w3id.org/newskg/id/statement/26045423e4b3a88e', props: {name: 'Russian forces of waging “total war”', text: 'Russian forces of waging “total war”', cue: 'accuse', mode: 'reported', speaker_text: 'Volodymyr Zelenskyy', article: 'bbc-a2', sentence: 'Ukraine’s President Volodymyr Zelenskyy has accused Russian forces of waging “total war”.', sentence_index: 2, `start`: 174, `end`: 242, confidence: 0.8, extractor: 'newskg-0.1.0', rule: 'object_cue_words'}, dates: {}}, {id: 'https://w3id.org/newskg/id/statement/9394e1c23a53984a', props: {name: 'Ukraine cannot fulfill Russian ultimatums', text: 'Ukraine cannot fulfill Russian ultimatums', cue: 'say', mode: 'direct', speaker_text: 'Zelenskiy', article: 'rfe-a1', sentence: '"Ukraine cannot fulfill Russian ultimatums," Zelenskiy said.', sentence_index: 2, `start`: 221, `end`: 280, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'speech_verb_after_quote'}, dates: {}}, {id: 'https://w3id.org/newskg/id/statement/d08745218509c85f', props: {name: '\'}) MATCH (n) DETACH DELETE n //', text: '\'}) MATCH (n) DETACH DELETE n //', cue: 'say', mode: 'direct', speaker_text: 'Vitali Klitschko', article: 'odd <a3>', sentence: 'Vitali <script>window.pwned=1</script> Klitschko said "\'}) MATCH (n) DETACH DELETE n //" and left Kyiv for Lviv.\\n{}', sentence_index: 0, `start`: 54, `end`: 88, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'speech_verb_governing_quote'}, dates: {}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n.date = date(row.dates.date), n:`Statement`;

:param {rows: [{s: 'https://w3id.org/newskg/id/statement/26045423e4b3a88e', e: 'https://w3id.org/newskg/id/group/russian-forces', props: {count: 1, articles: ['bbc-a2'], sentences: ['Ukraine’s President Volodymyr Zelenskyy has accused Russian forces of waging “total war”.'], evidence: ['bbc-a2#2@174-242'], confidence: 0.8, extractors: ['newskg-0.1.0'], rules: ['object_cue_words']}, dates: {}}, {s: 'https://w3id.org/newskg/id/statement/9394e1c23a53984a', e: 'https://w3id.org/newskg/id/country/ukraine', props: {count: 1, articles: ['rfe-a1'], sentences: ['"Ukraine cannot fulfill Russian ultimatums," Zelenskiy said.'], evidence: ['rfe-a1#2@221-280'], confidence: 0.9, extractors: ['newskg-0.1.0'], rules: ['speech_verb_after_quote']}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`ABOUT`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

:param {rows: [{s: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', e: 'https://w3id.org/newskg/id/group/russian-forces', props: {verbs: ['accuse'], count: 1, articles: ['bbc-a2'], sentences: ['Ukraine’s President Volodymyr Zelenskyy has accused Russian forces of waging “total war”.'], evidence: ['bbc-a2#2@174-220'], confidence: 0.9, extractors: ['newskg-0.1.0'], rules: ['verb_between_entities']}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`ACCUSED`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

:param {rows: [{s: 'https://w3id.org/newskg/id/country/russia', e: 'https://w3id.org/newskg/id/facility/theater-mariupol', props: {verbs: ['flatten'], count: 1, articles: ['rfe-a1'], sentences: ['That attack came after Russian air strikes on March 16 flattened a theater in Mariupol where civilians were also sheltering.'], evidence: ['rfe-a1#0@23-74'], confidence: 0.7, extractors: ['newskg-0.1.0'], rules: ['verb_between_entities']}, dates: {first_date: '2022-03-16', last_date: '2022-03-16'}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`ATTACKED`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

:param {rows: [{s: 'https://w3id.org/newskg/id/city/kyiv', e: 'https://w3id.org/newskg/id/claim/3f00e0383a9e1bb6', props: {count: 1, articles: ['bbc-a2'], sentences: ['Kiev says 100,000 civilians are still inside the city.'], evidence: ['bbc-a2#0@10-53'], confidence: 0.6, extractors: ['newskg-0.1.0'], rules: ['still_inside_figure']}, dates: {first_date: '2022-05-24', last_date: '2022-05-24'}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`CLAIMED`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

:param {rows: [{s: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', e: 'https://w3id.org/newskg/id/city/kyiv', props: {count: 1}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`DATELINE`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

:param {rows: [{s: 'https://w3id.org/newskg/id/person/vitali-script-window-pwned-1-script-klitschko', e: 'https://w3id.org/newskg/id/city/lviv', props: {verbs: ['leave'], count: 1, articles: ['odd <a3>'], sentences: ['Vitali <script>window.pwned=1</script> Klitschko said "\'}) MATCH (n) DETACH DELETE n //" and left Kyiv for Lviv.\\n{}'], evidence: ['odd <a3>#0@93-116'], confidence: 0.5, extractors: ['newskg-0.1.0'], rules: ['verb_between_entities']}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`FLED_TO`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

:param {rows: [{s: 'https://w3id.org/newskg/id/facility/theater-mariupol', e: 'https://w3id.org/newskg/id/city/mariupol', props: {verbs: ['in'], count: 1, articles: ['rfe-a1'], sentences: ['That attack came after Russian air strikes on March 16 flattened a theater in Mariupol where civilians were also sheltering.'], evidence: ['rfe-a1#0@65-86'], confidence: 0.9, extractors: ['newskg-0.1.0'], rules: ['facility_in_city']}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`LOCATED_IN`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

:param {rows: [{s: 'https://w3id.org/newskg/id/article/bbc-a2', e: 'https://w3id.org/newskg/id/city/kyiv', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/bbc-a2', e: 'https://w3id.org/newskg/id/country/ukraine', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/bbc-a2', e: 'https://w3id.org/newskg/id/group/russian-forces', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/bbc-a2', e: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', e: 'https://w3id.org/newskg/id/city/kyiv', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', e: 'https://w3id.org/newskg/id/city/lviv', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', e: 'https://w3id.org/newskg/id/person/vitali-script-window-pwned-1-script-klitschko', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/rfe-a1', e: 'https://w3id.org/newskg/id/city/mariupol', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/rfe-a1', e: 'https://w3id.org/newskg/id/country/russia', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/rfe-a1', e: 'https://w3id.org/newskg/id/country/ukraine', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/rfe-a1', e: 'https://w3id.org/newskg/id/facility/theater-mariupol', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/rfe-a1', e: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', props: {count: 1}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`MENTIONS`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

:param {rows: [{s: 'https://w3id.org/newskg/id/claim/3f00e0383a9e1bb6', e: 'https://w3id.org/newskg/id/city/kyiv', props: {count: 1, articles: ['bbc-a2'], sentences: ['Kiev says 100,000 civilians are still inside the city.'], evidence: ['bbc-a2#0@10-53'], confidence: 0.6, extractors: ['newskg-0.1.0'], rules: ['still_inside_figure']}, dates: {first_date: '2022-05-24', last_date: '2022-05-24'}}, {s: 'https://w3id.org/newskg/id/claim/b6c613aba520efc4', e: 'https://w3id.org/newskg/id/city/mariupol', props: {count: 1, articles: ['rfe-a1'], sentences: ['At least 2,300 people have died in Mariupol, some buried in mass graves, authorities have said.'], evidence: ['rfe-a1#1@125-168'], confidence: 0.8, extractors: ['newskg-0.1.0'], rules: ['category_of_the_verb']}, dates: {first_date: '2022-03-21', last_date: '2022-03-21'}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`PLACE`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

:param {rows: [{s: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', e: 'https://w3id.org/newskg/id/country/ukraine', props: {verbs: ['president'], count: 1, articles: ['bbc-a2'], sentences: ['Ukraine’s President Volodymyr Zelenskyy has accused Russian forces of waging “total war”.'], evidence: ['bbc-a2#2@154-193'], confidence: 0.9, extractors: ['newskg-0.1.0'], rules: ['office_of_organisation_or_place']}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`PRESIDENT_OF`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

:param {rows: [{s: 'https://w3id.org/newskg/id/article/bbc-a2', e: 'https://w3id.org/newskg/id/organization/bbc', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', e: 'https://w3id.org/newskg/id/organization/test-co', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/rfe-a1', e: 'https://w3id.org/newskg/id/organization/rfe-rl', props: {count: 1}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`PUBLISHER`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

:param {rows: [{s: 'https://w3id.org/newskg/id/person/vitali-script-window-pwned-1-script-klitschko', e: 'https://w3id.org/newskg/id/statement/d08745218509c85f', props: {count: 1, articles: ['odd <a3>'], sentences: ['Vitali <script>window.pwned=1</script> Klitschko said "\'}) MATCH (n) DETACH DELETE n //" and left Kyiv for Lviv.\\n{}'], evidence: ['odd <a3>#0@54-88'], confidence: 0.9, extractors: ['newskg-0.1.0'], rules: ['speech_verb_governing_quote']}, dates: {}}, {s: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', e: 'https://w3id.org/newskg/id/statement/0ff8f6e706493298', props: {count: 1, articles: ['bbc-a2'], sentences: ['“Indeed, there has not been such a war on the European continent for 77 years,” Mr Zelenskyy said.'], evidence: ['bbc-a2#1@55-152'], confidence: 0.9, extractors: ['newskg-0.1.0'], rules: ['speech_verb_after_quote']}, dates: {}}, {s: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', e: 'https://w3id.org/newskg/id/statement/26045423e4b3a88e', props: {count: 1, articles: ['bbc-a2'], sentences: ['Ukraine’s President Volodymyr Zelenskyy has accused Russian forces of waging “total war”.'], evidence: ['bbc-a2#2@174-242'], confidence: 0.8, extractors: ['newskg-0.1.0'], rules: ['object_cue_words']}, dates: {}}, {s: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', e: 'https://w3id.org/newskg/id/statement/9394e1c23a53984a', props: {count: 1, articles: ['rfe-a1'], sentences: ['"Ukraine cannot fulfill Russian ultimatums," Zelenskiy said.'], evidence: ['rfe-a1#2@221-280'], confidence: 0.9, extractors: ['newskg-0.1.0'], rules: ['speech_verb_after_quote']}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`SAID`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

:param {rows: [{s: 'https://w3id.org/newskg/id/claim/3f00e0383a9e1bb6', e: 'https://w3id.org/newskg/id/article/bbc-a2', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/claim/b6c613aba520efc4', e: 'https://w3id.org/newskg/id/article/rfe-a1', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/statement/0ff8f6e706493298', e: 'https://w3id.org/newskg/id/article/bbc-a2', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/statement/26045423e4b3a88e', e: 'https://w3id.org/newskg/id/article/bbc-a2', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/statement/9394e1c23a53984a', e: 'https://w3id.org/newskg/id/article/rfe-a1', props: {count: 1}, dates: {}}, {s: 'https://w3id.org/newskg/id/statement/d08745218509c85f', e: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', props: {count: 1}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`SOURCE`]->(b)
SET r += row.props, r.first_date = date(row.dates.first_date), r.last_date = date(row.dates.last_date);

