"""What every room of the suite shares (tests/unit, tests/model, tests/e2e import it as ``support``).

    paths            the repository, the seeds, the golden files, the annotation sets
    golden           check_golden: compare with a golden file, NEWSKG_UPDATE_GOLDEN=1 rewrites it
    builds           outputs(): the exported files of a build, for byte-for-byte comparison
    cli              the CLI run as a user runs it, in a child process
    fixture_records  the hand-made records (golden files, exports, hostile payloads)
    synthetic        real-shaped synthetic records of any size (viewer limits, benchmarks)
    hostile          hostile strings and the hostile articles built through the real pipeline
    bad_inputs       the generated folder of bad inputs
    cypher_text      import.cypher as text: the statement split, a Neo4j string-literal decoder
    neo4j_csv        a validator written from the neo4j-admin CSV header grammar
    falkordb_server  a throwaway FalkorDB and a session adapter for the Cypher tests
    browser          headless Chromium with the network blocked, for the viewer tests
    model_guard      makes loading a spaCy model fail loudly in tests/unit
    docs_script      scripts/docs_samples.py from the tests
"""
