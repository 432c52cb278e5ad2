// The query page at "/": Yasgui on this endpoint only. Autocompleters that
// fetch prefix or vocabulary lists from the web are off, the endpoint list
// holds this endpoint alone, and nothing is kept from another endpoint.
(function () {
  "use strict";
  var endpoint = new URL("sparql", window.location.href).href;
  document.getElementById("endpoint").textContent = endpoint;
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  Yasgui.Yasqe.defaults.value =
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" +
    "# How many entities of each type\n" +
    "SELECT ?type (COUNT(?e) AS ?entities) WHERE {\n" +
    "  ?e a ?type ; rdfs:label ?label .\n" +
    "}\nGROUP BY ?type\nORDER BY DESC(?entities)\n";
  window.yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: "newskg-" + endpoint,
  });
})();
