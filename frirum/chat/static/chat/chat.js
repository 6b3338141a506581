/* The chat's socket, shared by the young person's page and the counsellor's desk. No framework.

   The database is the record: the server numbers every message (seq) and this module only
   keeps, per chat, the last seq it has shown. On every (re)connect it says hello with that
   number and the server sends what came after, so a phone that slept or a restarted server
   loses nothing, and a message seen twice (a notification and a catch-up) is shown once.
   Messages being sent wait in an outbox under a key of their own until the server
   acknowledges them, and are sent again after a reconnect: the server stores a key once. */
(function () {
  "use strict";

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function socketUrl(path) {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + window.location.host + path;
  }

  /* options: path, hello() -> object, onEvent(event), onConnection(isOpen), onSignedOut(),
     outbox: {load() -> array, save(array)} (optional persistence of unsent messages) */
  function connect(options) {
    var socket = null;
    var delay = 1000;
    var pingTimer = null;
    var closedForGood = false;
    var outbox = options.outbox ? options.outbox.load() : [];

    function saveOutbox() {
      if (options.outbox) {
        options.outbox.save(outbox);
      }
    }

    function sendRaw(payload) {
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(payload));
        return true;
      }
      return false;
    }

    function flushOutbox() {
      outbox.forEach(sendRaw);
    }

    function open() {
      socket = new WebSocket(socketUrl(options.path));
      socket.addEventListener("open", function () {
        delay = 1000;
        options.onConnection(true);
        sendRaw(options.hello());
        flushOutbox();
        pingTimer = window.setInterval(function () {
          sendRaw({ type: "ping" });
        }, 25000);
      });
      socket.addEventListener("message", function (message) {
        var event;
        try {
          event = JSON.parse(message.data);
        } catch (error) {
          return;
        }
        if (event.type === "error" && event.code === "slow_down") {
          // Sent too fast: kept in the outbox and tried again in a while.
          window.setTimeout(flushOutbox, 5000);
        } else if (event.type === "ack" || (event.type === "error" && event.key)) {
          outbox = outbox.filter(function (item) {
            return item.key !== event.key;
          });
          saveOutbox();
        }
        options.onEvent(event);
      });
      socket.addEventListener("close", function (event) {
        window.clearInterval(pingTimer);
        options.onConnection(false);
        // 4403/4404: refused or unknown; trying again would not help. 4401: the desk's
        // sign-in has ended (the page reloads into the login, which says why).
        if (event.code === 4401 && options.onSignedOut) {
          options.onSignedOut();
          return;
        }
        if (closedForGood || event.code === 4401 || event.code === 4403 || event.code === 4404) {
          return;
        }
        // Half to one and a half times the back-off: when a server restarts, its sockets
        // come back spread over a second instead of all in the same instant.
        window.setTimeout(open, delay * (0.5 + Math.random()));
        delay = Math.min(delay * 2, 15000);
      });
    }

    // A phone coming back from sleep: try at once instead of waiting for the back-off.
    window.addEventListener("online", function () {
      if (socket && socket.readyState === WebSocket.CLOSED && !closedForGood) {
        delay = 1000;
        open();
      }
    });

    open();
    return {
      send: function (fields) {
        var item = Object.assign({ type: "send", key: newKey() }, fields);
        outbox.push(item);
        saveOutbox();
        sendRaw(item);
        return item;
      },
      command: sendRaw,
      pending: function () {
        return outbox.slice();
      },
      close: function () {
        closedForGood = true;
        if (socket) {
          socket.close();
        }
      },
    };
  }

  /* One chat's log: shows each seq once and in order, and the sender's own pending messages
     at the end until their ack arrives. */
  function Log(list, labels) {
    this.list = list;
    this.labels = labels;
    this.lastSeq = 0;
    this.pendingItems = {};
  }

  Log.prototype.entry = function (author, text, note) {
    var item = document.createElement("li");
    item.className = "chat-message chat-message-" + author;
    var who = document.createElement("span");
    who.className = "chat-author";
    who.textContent = this.labels[author] || author;
    var body = document.createElement("span");
    body.className = "chat-body";
    body.textContent = text;
    item.appendChild(who);
    item.appendChild(body);
    if (note) {
      var small = document.createElement("span");
      small.className = "chat-note";
      small.textContent = note;
      item.appendChild(small);
    }
    return item;
  };

  Log.prototype.add = function (message, ownAuthor) {
    if (message.seq <= this.lastSeq) {
      return false;
    }
    this.lastSeq = message.seq;
    var pending = this.pendingItems[message.key];
    if (pending) {
      pending.remove();
      delete this.pendingItems[message.key];
    }
    var author = message.author === ownAuthor ? "own" : message.author;
    var item = this.entry(author, message.text);
    item.dataset.seq = message.seq;
    var firstPending = this.list.querySelector("[data-pending]");
    this.list.insertBefore(item, firstPending);
    return true;
  };

  Log.prototype.addPending = function (key, text, note) {
    if (this.pendingItems[key]) {
      return;
    }
    var item = this.entry("own", text, note);
    item.dataset.pending = key;
    this.pendingItems[key] = item;
    this.list.appendChild(item);
  };

  window.FrirumChat = { connect: connect, Log: Log, newKey: newKey };
})();
