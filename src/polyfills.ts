/**
 * Runs before the pane and command scripts (first chunk of both pages). Volume-licensed
 * Office 2016/2019 on Windows shows add-ins in Internet Explorer 11, which lacks most of
 * ES2015+; TypeScript lowers syntax to ES5 but not library calls, so every built-in the
 * code uses beyond ES5 is listed here. core-js only patches what is missing or broken, so
 * modern webviews keep their native implementations.
 *
 * Single core-js modules rather than `core-js/stable/...` bundles: those pull in every
 * newer method of a family (Set union, Map groupBy, a dozen well-known symbols), which
 * costs the pane's 150 KB size budget for features nobody calls. Add a line here when
 * the code starts using another built-in. Deliberately absent: URL and URLSearchParams
 * (about 12 KB gzip): check addresses with a regular expression instead.
 */

// Iteration protocol: for..of, spread and destructuring under downlevelIteration look up
// Symbol.iterator on arrays, strings, Maps, Sets and NodeLists.
import "core-js/modules/es.object.to-string";
import "core-js/modules/es.symbol";
import "core-js/modules/es.symbol.description";
import "core-js/modules/es.symbol.iterator";
import "core-js/modules/es.symbol.async-iterator";
import "core-js/modules/es.array.iterator";
import "core-js/modules/es.string.iterator";
import "core-js/modules/web.dom-collections.iterator";
import "core-js/modules/web.dom-collections.for-each";

// Promise, for Office.js callers, fetch and async/await.
import "core-js/modules/es.promise";
import "core-js/modules/es.promise.finally";
import "core-js/modules/es.promise.all-settled";

// Collections (IE11's Map and Set ignore constructor arguments and lack iterators).
import "core-js/modules/es.map";
import "core-js/modules/es.set";
import "core-js/modules/es.weak-map";
import "core-js/modules/es.weak-set";

// Array
import "core-js/modules/es.array.from";
import "core-js/modules/es.array.of";
import "core-js/modules/es.array.find";
import "core-js/modules/es.array.find-index";
import "core-js/modules/es.array.includes";
import "core-js/modules/es.array.fill";
import "core-js/modules/es.array.flat";
import "core-js/modules/es.array.flat-map";

// Object
import "core-js/modules/es.object.assign";
import "core-js/modules/es.object.entries";
import "core-js/modules/es.object.values";
import "core-js/modules/es.object.from-entries";

// String (normalize comes from unorm below)
import "core-js/modules/es.string.includes";
import "core-js/modules/es.string.starts-with";
import "core-js/modules/es.string.ends-with";
import "core-js/modules/es.string.pad-start";
import "core-js/modules/es.string.pad-end";
import "core-js/modules/es.string.repeat";
import "core-js/modules/es.string.trim";
import "core-js/modules/es.string.trim-start";
import "core-js/modules/es.string.trim-end";

// Number and Math
import "core-js/modules/es.number.is-finite";
import "core-js/modules/es.number.is-nan";
import "core-js/modules/es.number.is-integer";
import "core-js/modules/es.number.epsilon";
import "core-js/modules/es.math.sign";
import "core-js/modules/es.math.trunc";

// String.prototype.normalize: label matching folds Vietnamese diacritics through NFD/NFC,
// and core-js does not provide normalize. unorm installs it only when it is missing.
import "unorm";

// fetch for loading a province catalogue from a URL (needs the Promise above).
import "whatwg-fetch";
