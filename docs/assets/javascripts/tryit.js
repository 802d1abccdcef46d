/*
 * "Try it" for the HMAC-signed bitexbit API Gateway, on the API reference page.
 *
 * No OpenAPI renderer can sign these requests (Redoc has no console, Swagger UI needs
 * hand-written interceptors), so this script adds one form per operation. It builds the request
 * from the spec (assets/openapi/gateway.json, written at build time by docs/_hooks/tryit_spec.py),
 * signs it in the browser with WebCrypto HMAC-SHA256 under either scheme and both parameter
 * encoders (the same rules as bitexbit_signing, checked against its test vectors in node by
 * tests/docs/test_tryit_signing.py), shows the canonical string, the headers and an equivalent
 * curl command, and sends it to a local emulator, which allows this origin through CORS.
 *
 * The secret stays in this page: it is never stored, sent or shown. Nothing loads from a CDN.
 */
(function () {
  "use strict";

  // -- signing: pure functions, also exported for node --------------------------------------

  var FORM = "application/x-www-form-urlencoded";
  var BODYLESS = { GET: true, HEAD: true, DELETE: true, OPTIONS: true };

  function NumberToken(text) {
    this.text = text;
  }

  /* JSON.parse loses a number's text ("22.50" -> 22.5); the server signs the text as sent. */
  function parseJson(text) {
    var at = 0;
    function fail() {
      throw new Error("the JSON body cannot be parsed");
    }
    function space() {
      while (at < text.length && " \t\n\r".indexOf(text[at]) >= 0) at += 1;
    }
    function value() {
      space();
      var c = text[at];
      if (c === "{") {
        var members = [];
        at += 1;
        space();
        if (text[at] === "}") {
          at += 1;
          return { members: members };
        }
        for (;;) {
          space();
          var key = string();
          space();
          if (text[at] !== ":") fail();
          at += 1;
          members.push([key, value()]);
          space();
          if (text[at] === ",") {
            at += 1;
          } else if (text[at] === "}") {
            at += 1;
            return { members: members };
          } else fail();
        }
      }
      if (c === "[") {
        var items = [];
        at += 1;
        space();
        if (text[at] === "]") {
          at += 1;
          return items;
        }
        for (;;) {
          items.push(value());
          space();
          if (text[at] === ",") {
            at += 1;
          } else if (text[at] === "]") {
            at += 1;
            return items;
          } else fail();
        }
      }
      if (c === '"') return string();
      var match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(at));
      if (match) {
        at += match[0].length;
        return new NumberToken(match[0]);
      }
      var words = { true: true, false: false, null: null };
      for (var word in words) {
        if (text.slice(at, at + word.length) === word) {
          at += word.length;
          return words[word];
        }
      }
      return fail();
    }
    function string() {
      var match = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(at));
      if (!match) fail();
      at += match[0].length;
      return JSON.parse(match[0]);
    }
    var result = value();
    space();
    if (at !== text.length) fail();
    return result;
  }

  function byCodeUnits(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function byCodePoints(a, b) {
    var x = Array.from(a);
    var y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i += 1) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d !== 0) return d;
    }
    return x.length - y.length;
  }

  function compactJson(node) {
    if (node instanceof NumberToken) return node.text;
    if (node === null) return "null";
    if (typeof node === "string") return JSON.stringify(node);
    if (typeof node === "boolean") return node ? "true" : "false";
    if (Array.isArray(node)) return "[" + node.map(compactJson).join(",") + "]";
    var last = {};
    node.members.forEach(function (pair) {
      last[pair[0]] = pair[1];
    });
    return (
      "{" +
      Object.keys(last)
        .sort(byCodePoints)
        .map(function (key) {
          return JSON.stringify(key) + ":" + compactJson(last[key]);
        })
        .join(",") +
      "}"
    );
  }

  function canonicalValue(node) {
    if (typeof node === "string") return node;
    if (node === null) return "";
    if (node instanceof NumberToken) return node.text;
    if (typeof node === "boolean") return node ? "true" : "false";
    return compactJson(node);
  }

  function decodeFormPart(text) {
    return decodeURIComponent(text.replace(/\+/g, " "));
  }

  function parseForm(text) {
    var pairs = [];
    text.split("&").forEach(function (part) {
      if (!part) return;
      var equals = part.indexOf("=");
      var key = equals < 0 ? part : part.slice(0, equals);
      var value = equals < 0 ? "" : part.slice(equals + 1);
      pairs.push([decodeFormPart(key), decodeFormPart(value)]);
    });
    return pairs;
  }

  /* The (key, value) pairs the params scheme signs: bitexbit_signing.request_params. */
  function requestParams(method, query, contentType, body) {
    var upper = method.toUpperCase();
    if (BODYLESS[upper]) return parseForm(query);
    if (!body) return [];
    var media = contentType ? contentType.split(";")[0].trim().toLowerCase() : null;
    if (media === FORM) return parseForm(body);
    if (media === null || media === "application/json" || /\+json$/.test(media)) {
      var document = parseJson(body);
      if (!document || !document.members) throw new Error("the JSON body is not an object");
      var last = new Map();
      document.members.forEach(function (pair) {
        last.delete(pair[0]);
        last.set(pair[0], pair[1]);
      });
      var pairs = [];
      last.forEach(function (value, key) {
        pairs.push([key, canonicalValue(value)]);
      });
      return pairs;
    }
    throw new Error("cannot sign a body of content type " + media);
  }

  /* Python's urllib.parse.quote_plus: encodeURIComponent, plus !'()* escaped, space as +. */
  function quotePlus(text) {
    return encodeURIComponent(text)
      .replace(/[!'()*]/g, function (c) {
        return "%" + c.charCodeAt(0).toString(16).toUpperCase();
      })
      .replace(/%20/g, "+");
  }

  function encodeParams(pairs, encoder) {
    var sorted = pairs.slice();
    if (encoder === "python") {
      sorted.sort(function (a, b) {
        return byCodePoints(a[0], b[0]);
      });
      return sorted
        .map(function (pair) {
          return quotePlus(pair[0]) + "=" + quotePlus(pair[1]);
        })
        .join("&");
    }
    sorted.sort(function (a, b) {
      return byCodeUnits(a[0], b[0]);
    });
    return sorted
      .map(function (pair) {
        return pair[0] + "=" + encodeURIComponent(pair[1]);
      })
      .join("&");
  }

  /* What a scheme signs: the canonical string (bitexbit_signing.signed_messages). */
  function canonicalString(request) {
    if (request.scheme === "path-nonce-body") {
      return request.path + String(request.nonce) + (request.body || "");
    }
    var pairs = requestParams(request.method, request.query || "", request.contentType, request.body);
    return request.apiKey + encodeParams(pairs, request.encoder || "python");
  }

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer))
      .map(function (byte) {
        return byte.toString(16).padStart(2, "0");
      })
      .join("");
  }

  function hmacHex(secret, message) {
    var encoder = new TextEncoder();
    var subtle = globalThis.crypto.subtle;
    return subtle
      .importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"])
      .then(function (key) {
        return subtle.sign("HMAC", key, encoder.encode(message));
      })
      .then(hex);
  }

  function signRequest(request) {
    var canonical = canonicalString(request);
    return hmacHex(request.secret, canonical).then(function (signature) {
      return {
        canonical: canonical,
        headers: { "X-API-Key": request.apiKey, "X-Signature": signature, "X-Nonce": String(request.nonce) },
      };
    });
  }

  var Signing = {
    canonicalString: canonicalString,
    encodeParams: encodeParams,
    requestParams: requestParams,
    signRequest: signRequest,
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = Signing;
    return;
  }

  // -- the console ----------------------------------------------------------------------------

  var DEFAULT_BASE_URL = "http://127.0.0.1:8765/api/gateway";
  var STORED = "bitexbit-tryit";
  var lastNonce = 0;

  function nextNonce() {
    lastNonce = Math.max(Date.now(), lastNonce + 1);
    return lastNonce;
  }

  function resolve(spec, node) {
    var seen = 0;
    while (node && node.$ref && seen < 20) {
      node = node.$ref
        .replace(/^#\//, "")
        .split("/")
        .reduce(function (at, part) {
          return at[part.replace(/~1/g, "/").replace(/~0/g, "~")];
        }, spec);
      seen += 1;
    }
    return node || {};
  }

  function element(tag, attributes, children) {
    var made = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") made.textContent = attributes[name];
      else made.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      made.appendChild(child);
    });
    return made;
  }

  function field(label, input) {
    return element("label", { class: "bx-tryit__field" }, [element("span", { text: label }), input]);
  }

  function shared() {
    try {
      return JSON.parse(window.sessionStorage.getItem(STORED) || "{}");
    } catch (error) {
      return {};
    }
  }

  function bodyFields(spec, operation) {
    var content = ((operation.requestBody && resolve(spec, operation.requestBody).content) || {})[
      "application/json"
    ];
    if (!content) return [];
    var schema = resolve(spec, content.schema);
    var required = schema.required || [];
    return Object.keys(schema.properties || {}).map(function (name) {
      var property = resolve(spec, schema.properties[name]);
      var integer = property.type === "integer";
      return { name: name, required: required.indexOf(name) >= 0, integer: integer, where: "body" };
    });
  }

  function queryFields(spec, operation) {
    return (operation.parameters || [])
      .map(function (parameter) {
        return resolve(spec, parameter);
      })
      .filter(function (parameter) {
        return parameter.in === "query";
      })
      .map(function (parameter) {
        return { name: parameter.name, required: !!parameter.required, where: "query" };
      });
  }

  function curlCommand(method, url, headers, contentType, body) {
    function quoted(text) {
      return "'" + String(text).replace(/'/g, "'\\''") + "'";
    }
    var parts = ["curl", "-sS", "-X", method];
    Object.keys(headers).forEach(function (name) {
      parts.push("-H", quoted(name + ": " + headers[name]));
    });
    if (body) parts.push("-H", quoted("Content-Type: " + contentType), "--data-binary", quoted(body));
    parts.push(quoted(url));
    return parts.join(" ");
  }

  function build(spec, operationId, method, path, operation) {
    var saved = shared();
    var inputs = {};
    var form = element("form", { class: "bx-tryit__form", "data-operation": operationId });
    function input(name, attributes) {
      inputs[name] = element("input", Object.assign({ name: name, autocomplete: "off" }, attributes));
      return inputs[name];
    }
    var scheme = element("select", { name: "scheme" }, [
      element("option", { value: "params", text: "params (the SDK's default)" }),
      element("option", { value: "path-nonce-body", text: "path-nonce-body" }),
    ]);
    var encoder = element("select", { name: "encoder" }, [
      element("option", { value: "python", text: "python (urlencode)" }),
      element("option", { value: "javascript", text: "javascript (encodeURIComponent)" }),
    ]);
    var contentType = element("select", { name: "content_type" }, [
      element("option", { value: "application/json", text: "JSON" }),
      element("option", { value: FORM, text: "form" }),
    ]);
    inputs.scheme = scheme;
    inputs.encoder = encoder;
    form.appendChild(field("Base URL", input("base_url", { value: saved.base_url || DEFAULT_BASE_URL })));
    form.appendChild(field("API key", input("api_key", { value: saved.api_key || "demo-key" })));
    form.appendChild(
      field("API secret (stays in this page)", input("secret", { type: "password", value: "demo-secret" }))
    );
    form.appendChild(field("Scheme", scheme));
    form.appendChild(field("Encoder", encoder));
    var fields = method === "GET" ? queryFields(spec, operation) : bodyFields(spec, operation);
    if (method !== "GET") form.appendChild(field("Body as", contentType));
    fields.forEach(function (item) {
      var label = item.name + (item.required ? " (required)" : "");
      form.appendChild(field(label, input("field:" + item.name, { "data-where": item.where })));
    });
    var send = element("button", { type: "submit", class: "md-button md-button--primary", text: "Sign and send" });
    var signOnly = element("button", { type: "button", class: "md-button", text: "Sign only" });
    form.appendChild(element("div", { class: "bx-tryit__actions" }, [send, signOnly]));
    var output = element("pre", { class: "bx-tryit__output", "data-role": "output" });
    form.appendChild(output);

    function prepared() {
      var values = [];
      fields.forEach(function (item) {
        var typed = inputs["field:" + item.name].value;
        if (typed !== "") values.push([item.name, item.integer && /^-?[0-9]+$/.test(typed) ? Number(typed) : typed]);
      });
      var base = inputs.base_url.value.replace(/\/+$/, "");
      var url = new URL(base + path);
      var query = "";
      var body = "";
      var type = null;
      if (method === "GET") {
        query = values
          .map(function (pair) {
            return encodeURIComponent(pair[0]) + "=" + encodeURIComponent(pair[1]);
          })
          .join("&");
      } else if (contentType.value === FORM) {
        type = FORM;
        body = values
          .map(function (pair) {
            return quotePlus(pair[0]) + "=" + quotePlus(String(pair[1]));
          })
          .join("&");
      } else {
        type = "application/json";
        var object = {};
        values.forEach(function (pair) {
          object[pair[0]] = pair[1];
        });
        body = JSON.stringify(object);
      }
      return {
        method: method,
        url: url.origin + url.pathname + (query ? "?" + query : ""),
        path: url.pathname,
        query: query,
        contentType: type,
        body: body,
        apiKey: inputs.api_key.value,
        secret: inputs.secret.value,
        scheme: scheme.value,
        encoder: encoder.value,
        nonce: nextNonce(),
      };
    }

    function show(lines) {
      output.textContent = lines.join("\n");
    }

    function run(andSend) {
      var request = prepared();
      window.sessionStorage.setItem(STORED, JSON.stringify({ base_url: inputs.base_url.value, api_key: request.apiKey }));
      return signRequest(request).then(function (signed) {
        var lines = ["Canonical string (" + request.scheme + (request.scheme === "params" ? ", " + request.encoder : "") + "):", signed.canonical, "", "Headers:"];
        Object.keys(signed.headers).forEach(function (name) {
          lines.push(name + ": " + signed.headers[name]);
        });
        lines.push("", "curl:", curlCommand(method, request.url, signed.headers, request.contentType, request.body));
        show(lines);
        if (!andSend) return null;
        var headers = Object.assign({}, signed.headers);
        if (request.body) headers["Content-Type"] = request.contentType;
        return fetch(request.url, { method: method, headers: headers, body: request.body || undefined })
          .then(function (response) {
            return response.text().then(function (text) {
              var pretty = text;
              try {
                pretty = JSON.stringify(JSON.parse(text), null, 2);
              } catch (error) {
                /* not JSON: shown as is */
              }
              lines.push("", "Response: HTTP " + response.status, pretty);
              show(lines);
              form.setAttribute("data-status", String(response.status));
            });
          })
          .catch(function (error) {
            lines.push("", "No response (" + error.message + "). Is the emulator running (make run), and does it allow this page's origin (--cors-origin)?");
            show(lines);
            form.setAttribute("data-status", "network-error");
          });
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run(true);
    });
    signOnly.addEventListener("click", function () {
      run(false);
    });
    var details = element("details", { class: "bx-tryit" }, [element("summary", { text: "Try it: sign and send " + method + " " + path })]);
    details.appendChild(form);
    return details;
  }

  function install(spec) {
    Object.keys(spec.paths || {}).forEach(function (path) {
      ["get", "post"].forEach(function (method) {
        var operation = spec.paths[path][method];
        if (!operation || !operation.operationId) return;
        var heading = document.getElementById(operation.operationId);
        if (!heading || heading.parentNode.querySelector('[data-operation="' + operation.operationId + '"]')) return;
        heading.insertAdjacentElement("afterend", build(spec, operation.operationId, method.toUpperCase(), path, operation));
      });
    });
  }

  function start() {
    var marker = document.querySelector("[data-tryit-spec]");
    if (!marker) return;
    fetch(marker.getAttribute("data-tryit-spec"))
      .then(function (response) {
        return response.json();
      })
      .then(install)
      .catch(function (error) {
        marker.textContent = "The try-it console could not load the spec: " + error.message;
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
