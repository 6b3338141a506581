// Past its network's free guesses a questionnaire code must come with proof of work
// (frirum/questionnaires/proofofwork.py): find a nonce so that SHA-256(seed + nonce) starts
// with `bits` zero bits, where seed = SHA-256(challenge) and the nonce is 8 bytes. The young
// person's phone pays this once, while the code is typed; a guesser pays it for every guess.
//
// SHA-256 is done here in plain JavaScript, not with WebCrypto: crypto.subtle.digest costs a
// promise per attempt, which makes the search 10-50 times slower on a phone, and the server
// must then ask for less work, which lets a guesser through faster. Each attempt is a single
// compression over one fixed block, so the loop is short and allocates nothing.
(function () {
  "use strict";
  var form = document.querySelector("form[data-pow-challenge]");
  if (!form) {
    return;
  }
  var challenge = form.getAttribute("data-pow-challenge");
  var nonceInput = form.querySelector("[data-pow-nonce]");
  var status = form.querySelector("[data-pow-status]");
  var bits = parseInt(challenge.split(".")[1], 10);
  if (!nonceInput || !(bits >= 0 && bits <= 32)) {
    return;
  }

  var K = Int32Array.from([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ]);
  var IV = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  ].map(function (h) { return h | 0; });
  var W = new Int32Array(64);

  // The 64 rounds of SHA-256 over the 16-word block M from the state H, into OUT.
  function rounds(H, M, OUT) {
    var t;
    for (t = 0; t < 16; t++) {
      W[t] = M[t];
    }
    for (t = 16; t < 64; t++) {
      var x = W[t - 15];
      var y = W[t - 2];
      var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
    }
    var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
    for (t = 0; t < 64; t++) {
      var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      var t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[t] + W[t]) | 0;
      var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    OUT[0] = (H[0] + a) | 0; OUT[1] = (H[1] + b) | 0; OUT[2] = (H[2] + c) | 0;
    OUT[3] = (H[3] + d) | 0; OUT[4] = (H[4] + e) | 0; OUT[5] = (H[5] + f) | 0;
    OUT[6] = (H[6] + g) | 0; OUT[7] = (H[7] + h) | 0;
  }

  function compress(H, M) {
    var out = new Int32Array(8);
    rounds(H, M, out);
    return out;
  }

  // SHA-256 of an ASCII string (the challenge is ASCII only), as 8 words.
  function sha256Words(text) {
    var bytes = [];
    var i;
    for (i = 0; i < text.length; i++) {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
    var bitLength = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) {
      bytes.push(0);
    }
    bytes.push(0, 0, 0, 0);
    bytes.push((bitLength >>> 24) & 0xff, (bitLength >>> 16) & 0xff, (bitLength >>> 8) & 0xff, bitLength & 0xff);
    var state = IV;
    for (i = 0; i < bytes.length; i += 64) {
      var block = [];
      for (var j = 0; j < 16; j++) {
        var k = i + j * 4;
        block.push((bytes[k] << 24) | (bytes[k + 1] << 16) | (bytes[k + 2] << 8) | bytes[k + 3]);
      }
      state = compress(state, block);
    }
    return state;
  }

  // The one block of every attempt: seed (32 bytes), nonce (8 bytes), padding, length 320.
  var block = new Int32Array(16);
  block.set(sha256Words(challenge));
  block[10] = 0x80000000 | 0;
  block[15] = 320;
  var IV32 = Int32Array.from(IV);
  var digest = new Int32Array(8);
  var shift = 32 - bits;
  var high = 0;
  var low = 0;
  var solved = false;
  var wanted = form.hasAttribute("data-pow-resubmit");

  function finish() {
    nonceInput.value = String(high * 4294967296 + low);
    solved = true;
    if (wanted) {
      form.submit();
    } else if (status) {
      status.hidden = true;
    }
  }

  function work() {
    for (var n = 0; n < 40000; n++) {
      block[8] = high;
      block[9] = low | 0;
      rounds(IV32, block, digest);
      var first = digest[0];
      if (bits === 0 || (shift === 0 ? first === 0 : (first >>> shift) === 0)) {
        finish();
        return;
      }
      low += 1;
      if (low === 4294967296) {
        low = 0;
        high += 1;
      }
    }
    window.setTimeout(work, 0);
  }

  form.addEventListener("submit", function (event) {
    if (solved) {
      return;
    }
    // Not ready yet: the form is sent as soon as the work is done.
    event.preventDefault();
    wanted = true;
    if (status) {
      status.hidden = false;
    }
  });
  if (wanted && status) {
    status.hidden = false;
  }
  window.setTimeout(work, 0);
})();
