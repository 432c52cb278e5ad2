// newskg knowledge graph for Neo4j 5 (generated: do not edit)
// Run: cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f import.cypher
// Each statement ends with a semicolon at the end of a line and no other line does,
// a :param line before a statement sets the rows it reads
// 21 nodes, 36 relationships; MERGE makes a rerun change nothing

CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:`Node`) REQUIRE n.id IS UNIQUE;

CREATE INDEX entity_name IF NOT EXISTS FOR (n:`Entity`) ON (n.name);

CREATE INDEX entity_type IF NOT EXISTS FOR (n:`Entity`) ON (n.type);

CREATE INDEX article_id IF NOT EXISTS FOR (n:`Article`) ON (n.article_id);

:param {rows: [{id: 'https://w3id.org/newskg/id/article/bbc-a2', props: {article_id: 'bbc-a2', name: 'Zelenskyy on the war', source: 'BBC'}, dates: {date: '2022-05-24'}}, {id: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', props: {article_id: 'odd <a3>', name: 'Hostile "title" </script>', source: 'Test & Co'}, dates: {date: '2022-03-22'}}, {id: 'https://w3id.org/newskg/id/article/rfe-a1', props: {article_id: 'rfe-a1', name: 'Mariupol theater', source: 'RFE/RL', url: 'https://example.org/a1'}, dates: {date: '2022-03-21'}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n.date = date(row.dates.date), n:`Article`;

:param {rows: [{id: 'https://w3id.org/newskg/id/claim/3f00e0383a9e1bb6', props: {name: '100,000 civilians remaining', value: 100000, category: 'remaining', counted: 'civilians', text: '100,000 civilians', claimant_text: 'Kiev', article: 'bbc-a2', sentence: 'Kiev says 100,000 civilians are still inside the city.', sentence_index: 0, `start`: 10, `end`: 53, confidence: 0.6, extractor: 'newskg-0.1.0', rule: 'still_inside_figure', topic: 'https://w3id.org/newskg/id/topic/remaining-people-city-kyiv', topic_label: 'remaining (people) in Kyiv'}, dates: {date: '2022-05-24'}}, {id: 'https://w3id.org/newskg/id/claim/b6c613aba520efc4', props: {name: 'at least 2,300 people killed', value: 2300, qualifier: 'at least', category: 'killed', counted: 'people', text: 'At least 2,300 people', claimant_text: 'authorities', article: 'rfe-a1', sentence: 'At least 2,300 people have died in Mariupol, some buried in mass graves, authorities have said.', sentence_index: 1, `start`: 125, `end`: 168, confidence: 0.8, extractor: 'newskg-0.1.0', rule: 'category_of_the_verb', topic: 'https://w3id.org/newskg/id/topic/killed-people-city-mariupol', topic_label: 'killed (people) in Mariupol'}, dates: {date: '2022-03-21'}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n.date = date(row.dates.date), n:`Claim`;

:param {rows: [{id: 'https://w3id.org/newskg/id/city/kyiv', props: {name: 'Kyiv', type: 'City', aliases: ['KYIV', 'Kiev'], geonames: 'https://sws.geonames.org/703448/', lat: 50.45466, long: 30.5238, name_rules: ['KYIV (same normalised name)', 'Kiev (GeoNames name)', 'Kyiv (canonical name)']}, dates: {}}, {id: 'https://w3id.org/newskg/id/city/lviv', props: {name: 'Lviv', type: 'City', geonames: 'https://sws.geonames.org/702550/', lat: 49.83826, long: 24.02324, name_rules: ['Lviv (canonical name)']}, dates: {}}, {id: 'https://w3id.org/newskg/id/city/mariupol', props: {name: 'Mariupol', type: 'City', geonames: 'https://sws.geonames.org/701822/', lat: 47.09514, long: 37.54131, name_rules: ['Mariupol (canonical name)']}, dates: {}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n:`Entity`:`City`;

:param {rows: [{id: 'https://w3id.org/newskg/id/country/russia', props: {name: 'Russia', type: 'Country', aliases: ['Russian'], geonames: 'https://sws.geonames.org/2017370/', lat: 60.0, long: 100.0, name_rules: ['Russia (canonical name)', 'Russian (read by the extractor)']}, dates: {}}, {id: 'https://w3id.org/newskg/id/country/ukraine', props: {name: 'Ukraine', type: 'Country', geonames: 'https://sws.geonames.org/690791/', lat: 49.0, long: 32.0, name_rules: ['Ukraine (canonical name)']}, dates: {}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n:`Entity`:`Country`;

:param {rows: [{id: 'https://w3id.org/newskg/id/facility/theater-mariupol', props: {name: 'theater (Mariupol)', type: 'Facility', name_rules: ['theater (Mariupol) (canonical name)']}, dates: {}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n:`Entity`:`Facility`;

:param {rows: [{id: 'https://w3id.org/newskg/id/group/russian-forces', props: {name: 'Russian forces', type: 'Group', name_rules: ['Russian forces (canonical name)']}, dates: {}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n:`Entity`:`Group`;

:param {rows: [{id: 'https://w3id.org/newskg/id/organization/bbc', props: {name: 'BBC', type: 'Organization', name_rules: ['BBC (canonical name)']}, dates: {}}, {id: 'https://w3id.org/newskg/id/organization/rfe-rl', props: {name: 'RFE/RL', type: 'Organization', name_rules: ['RFE/RL (canonical name)']}, dates: {}}, {id: 'https://w3id.org/newskg/id/organization/test-co', props: {name: 'Test & Co', type: 'Organization', name_rules: ['Test & Co (canonical name)']}, dates: {}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n:`Entity`:`Organization`;

:param {rows: [{id: 'https://w3id.org/newskg/id/person/vitali-script-window-pwned-1-script-klitschko', props: {name: 'Vitali <script>window.pwned=1</script> Klitschko', type: 'Person', name_rules: ['Vitali <script>window.pwned=1</script> Klitschko (canonical name)']}, dates: {}}, {id: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', props: {name: 'Volodymyr Zelenskyy', type: 'Person', aliases: ['Mr Zelenskyy', 'Zelenskiy', 'Zelenskyy'], name_rules: ['Mr Zelenskyy (surname, unambiguous in the article)', 'Volodymyr Zelenskyy (canonical name)', 'Zelenskiy (surname, unambiguous in the corpus)', 'Zelenskyy (surname, unambiguous in the article)']}, dates: {}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n:`Entity`:`Person`;

:param {rows: [{id: 'https://w3id.org/newskg/id/statement/0ff8f6e706493298', props: {name: 'Indeed, there has not been such a war on the European conti…', text: 'Indeed, there has not been such a war on the European continent for 77 years', cue: 'say', mode: 'direct', speaker_text: 'Mr Zelenskyy', article: 'bbc-a2', sentence: '“Indeed, there has not been such a war on the European continent for 77 years,” Mr Zelenskyy said.', sentence_index: 1, `start`: 55, `end`: 152, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'speech_verb_after_quote'}, dates: {}}, {id: 'https://w3id.org/newskg/id/statement/26045423e4b3a88e', props: {name: 'Russian forces of waging “total war”', text: 'Russian forces of waging “total war”', cue: 'accuse', mode: 'reported', speaker_text: 'Volodymyr Zelenskyy', article: 'bbc-a2', sentence: 'Ukraine’s President Volodymyr Zelenskyy has accused Russian forces of waging “total war”.', sentence_index: 2, `start`: 174, `end`: 242, confidence: 0.8, extractor: 'newskg-0.1.0', rule: 'object_cue_words'}, dates: {}}, {id: 'https://w3id.org/newskg/id/statement/9394e1c23a53984a', props: {name: 'Ukraine cannot fulfill Russian ultimatums', text: 'Ukraine cannot fulfill Russian ultimatums', cue: 'say', mode: 'direct', speaker_text: 'Zelenskiy', article: 'rfe-a1', sentence: '"Ukraine cannot fulfill Russian ultimatums," Zelenskiy said.', sentence_index: 2, `start`: 221, `end`: 280, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'speech_verb_after_quote'}, dates: {}}, {id: 'https://w3id.org/newskg/id/statement/d08745218509c85f', props: {name: '\'}) MATCH (n) DETACH DELETE n //', text: '\'}) MATCH (n) DETACH DELETE n //', cue: 'say', mode: 'direct', speaker_text: 'Vitali Klitschko', article: 'odd <a3>', sentence: 'Vitali <script>window.pwned=1</script> Klitschko said "\'}) MATCH (n) DETACH DELETE n //" and left Kyiv for Lviv.\\n{}', sentence_index: 0, `start`: 54, `end`: 88, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'speech_verb_governing_quote'}, dates: {}}]}
UNWIND $rows AS row
MERGE (n:`Node` {id: row.id})
SET n += row.props, n.date = date(row.dates.date), n:`Statement`;

:param {rows: [{s: 'https://w3id.org/newskg/id/statement/26045423e4b3a88e', e: 'https://w3id.org/newskg/id/group/russian-forces', k: 'about', props: {article: 'bbc-a2', sentence: 'Ukraine’s President Volodymyr Zelenskyy has accused Russian forces of waging “total war”.', sentence_index: 2, `start`: 174, `end`: 242, confidence: 0.8, extractor: 'newskg-0.1.0', rule: 'object_cue_words'}, dates: {}}, {s: 'https://w3id.org/newskg/id/statement/9394e1c23a53984a', e: 'https://w3id.org/newskg/id/country/ukraine', k: 'about', props: {article: 'rfe-a1', sentence: '"Ukraine cannot fulfill Russian ultimatums," Zelenskiy said.', sentence_index: 2, `start`: 221, `end`: 280, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'speech_verb_after_quote'}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`ABOUT` {key: row.k}]->(b)
SET r += row.props, r.date = date(row.dates.date);

:param {rows: [{s: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', e: 'https://w3id.org/newskg/id/group/russian-forces', k: '20f0a9a69d2ff0e1', props: {predicate: 'accused', verb: 'accuse', article: 'bbc-a2', sentence: 'Ukraine’s President Volodymyr Zelenskyy has accused Russian forces of waging “total war”.', sentence_index: 2, `start`: 174, `end`: 220, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'verb_between_entities'}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`ACCUSED` {key: row.k}]->(b)
SET r += row.props, r.date = date(row.dates.date);

:param {rows: [{s: 'https://w3id.org/newskg/id/country/russia', e: 'https://w3id.org/newskg/id/facility/theater-mariupol', k: '7fae6fa9e8f571ac', props: {predicate: 'attacked', verb: 'flatten', article: 'rfe-a1', sentence: 'That attack came after Russian air strikes on March 16 flattened a theater in Mariupol where civilians were also sheltering.', sentence_index: 0, `start`: 23, `end`: 74, confidence: 0.7, extractor: 'newskg-0.1.0', rule: 'verb_between_entities'}, dates: {date: '2022-03-16'}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`ATTACKED` {key: row.k}]->(b)
SET r += row.props, r.date = date(row.dates.date);

:param {rows: [{s: 'https://w3id.org/newskg/id/city/kyiv', e: 'https://w3id.org/newskg/id/claim/3f00e0383a9e1bb6', k: 'claimed', props: {article: 'bbc-a2', sentence: 'Kiev says 100,000 civilians are still inside the city.', sentence_index: 0, `start`: 10, `end`: 53, confidence: 0.6, extractor: 'newskg-0.1.0', rule: 'still_inside_figure'}, dates: {date: '2022-05-24'}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`CLAIMED` {key: row.k}]->(b)
SET r += row.props, r.date = date(row.dates.date);

:param {rows: [{s: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', e: 'https://w3id.org/newskg/id/city/kyiv', k: 'dateline', props: {}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`DATELINE` {key: row.k}]->(b)
SET r += row.props;

:param {rows: [{s: 'https://w3id.org/newskg/id/person/vitali-script-window-pwned-1-script-klitschko', e: 'https://w3id.org/newskg/id/city/lviv', k: '4100c50001fd3e46', props: {predicate: 'fled_to', verb: 'leave', article: 'odd <a3>', sentence: 'Vitali <script>window.pwned=1</script> Klitschko said "\'}) MATCH (n) DETACH DELETE n //" and left Kyiv for Lviv.\\n{}', sentence_index: 0, `start`: 93, `end`: 116, confidence: 0.5, extractor: 'newskg-0.1.0', rule: 'verb_between_entities'}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`FLED_TO` {key: row.k}]->(b)
SET r += row.props, r.date = date(row.dates.date);

:param {rows: [{s: 'https://w3id.org/newskg/id/facility/theater-mariupol', e: 'https://w3id.org/newskg/id/city/mariupol', k: 'e8e3126058d3f34e', props: {predicate: 'located_in', verb: 'in', article: 'rfe-a1', sentence: 'That attack came after Russian air strikes on March 16 flattened a theater in Mariupol where civilians were also sheltering.', sentence_index: 0, `start`: 65, `end`: 86, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'facility_in_city'}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`LOCATED_IN` {key: row.k}]->(b)
SET r += row.props, r.date = date(row.dates.date);

:param {rows: [{s: 'https://w3id.org/newskg/id/article/bbc-a2', e: 'https://w3id.org/newskg/id/city/kyiv', k: 'mentions', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/bbc-a2', e: 'https://w3id.org/newskg/id/country/ukraine', k: 'mentions', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/bbc-a2', e: 'https://w3id.org/newskg/id/group/russian-forces', k: 'mentions', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/bbc-a2', e: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', k: 'mentions', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', e: 'https://w3id.org/newskg/id/city/kyiv', k: 'mentions', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', e: 'https://w3id.org/newskg/id/city/lviv', k: 'mentions', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', e: 'https://w3id.org/newskg/id/person/vitali-script-window-pwned-1-script-klitschko', k: 'mentions', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/rfe-a1', e: 'https://w3id.org/newskg/id/city/mariupol', k: 'mentions', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/rfe-a1', e: 'https://w3id.org/newskg/id/country/russia', k: 'mentions', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/rfe-a1', e: 'https://w3id.org/newskg/id/country/ukraine', k: 'mentions', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/rfe-a1', e: 'https://w3id.org/newskg/id/facility/theater-mariupol', k: 'mentions', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/rfe-a1', e: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', k: 'mentions', props: {}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`MENTIONS` {key: row.k}]->(b)
SET r += row.props;

:param {rows: [{s: 'https://w3id.org/newskg/id/claim/3f00e0383a9e1bb6', e: 'https://w3id.org/newskg/id/city/kyiv', k: 'place', props: {article: 'bbc-a2', sentence: 'Kiev says 100,000 civilians are still inside the city.', sentence_index: 0, `start`: 10, `end`: 53, confidence: 0.6, extractor: 'newskg-0.1.0', rule: 'still_inside_figure'}, dates: {date: '2022-05-24'}}, {s: 'https://w3id.org/newskg/id/claim/b6c613aba520efc4', e: 'https://w3id.org/newskg/id/city/mariupol', k: 'place', props: {article: 'rfe-a1', sentence: 'At least 2,300 people have died in Mariupol, some buried in mass graves, authorities have said.', sentence_index: 1, `start`: 125, `end`: 168, confidence: 0.8, extractor: 'newskg-0.1.0', rule: 'category_of_the_verb'}, dates: {date: '2022-03-21'}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`PLACE` {key: row.k}]->(b)
SET r += row.props, r.date = date(row.dates.date);

:param {rows: [{s: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', e: 'https://w3id.org/newskg/id/country/ukraine', k: 'b90bd4225b0aecd0', props: {predicate: 'president_of', verb: 'president', article: 'bbc-a2', sentence: 'Ukraine’s President Volodymyr Zelenskyy has accused Russian forces of waging “total war”.', sentence_index: 2, `start`: 154, `end`: 193, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'office_of_organisation_or_place'}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`PRESIDENT_OF` {key: row.k}]->(b)
SET r += row.props, r.date = date(row.dates.date);

:param {rows: [{s: 'https://w3id.org/newskg/id/article/bbc-a2', e: 'https://w3id.org/newskg/id/organization/bbc', k: 'publisher', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', e: 'https://w3id.org/newskg/id/organization/test-co', k: 'publisher', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/article/rfe-a1', e: 'https://w3id.org/newskg/id/organization/rfe-rl', k: 'publisher', props: {}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`PUBLISHER` {key: row.k}]->(b)
SET r += row.props;

:param {rows: [{s: 'https://w3id.org/newskg/id/person/vitali-script-window-pwned-1-script-klitschko', e: 'https://w3id.org/newskg/id/statement/d08745218509c85f', k: 'said', props: {article: 'odd <a3>', sentence: 'Vitali <script>window.pwned=1</script> Klitschko said "\'}) MATCH (n) DETACH DELETE n //" and left Kyiv for Lviv.\\n{}', sentence_index: 0, `start`: 54, `end`: 88, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'speech_verb_governing_quote'}, dates: {}}, {s: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', e: 'https://w3id.org/newskg/id/statement/0ff8f6e706493298', k: 'said', props: {article: 'bbc-a2', sentence: '“Indeed, there has not been such a war on the European continent for 77 years,” Mr Zelenskyy said.', sentence_index: 1, `start`: 55, `end`: 152, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'speech_verb_after_quote'}, dates: {}}, {s: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', e: 'https://w3id.org/newskg/id/statement/26045423e4b3a88e', k: 'said', props: {article: 'bbc-a2', sentence: 'Ukraine’s President Volodymyr Zelenskyy has accused Russian forces of waging “total war”.', sentence_index: 2, `start`: 174, `end`: 242, confidence: 0.8, extractor: 'newskg-0.1.0', rule: 'object_cue_words'}, dates: {}}, {s: 'https://w3id.org/newskg/id/person/volodymyr-zelensky', e: 'https://w3id.org/newskg/id/statement/9394e1c23a53984a', k: 'said', props: {article: 'rfe-a1', sentence: '"Ukraine cannot fulfill Russian ultimatums," Zelenskiy said.', sentence_index: 2, `start`: 221, `end`: 280, confidence: 0.9, extractor: 'newskg-0.1.0', rule: 'speech_verb_after_quote'}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`SAID` {key: row.k}]->(b)
SET r += row.props, r.date = date(row.dates.date);

:param {rows: [{s: 'https://w3id.org/newskg/id/claim/3f00e0383a9e1bb6', e: 'https://w3id.org/newskg/id/article/bbc-a2', k: 'source', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/claim/b6c613aba520efc4', e: 'https://w3id.org/newskg/id/article/rfe-a1', k: 'source', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/statement/0ff8f6e706493298', e: 'https://w3id.org/newskg/id/article/bbc-a2', k: 'source', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/statement/26045423e4b3a88e', e: 'https://w3id.org/newskg/id/article/bbc-a2', k: 'source', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/statement/9394e1c23a53984a', e: 'https://w3id.org/newskg/id/article/rfe-a1', k: 'source', props: {}, dates: {}}, {s: 'https://w3id.org/newskg/id/statement/d08745218509c85f', e: 'https://w3id.org/newskg/id/article/odd-a3-b14d9a94', k: 'source', props: {}, dates: {}}]}
UNWIND $rows AS row
MATCH (a:`Node` {id: row.s})
MATCH (b:`Node` {id: row.e})
MERGE (a)-[r:`SOURCE` {key: row.k}]->(b)
SET r += row.props;

