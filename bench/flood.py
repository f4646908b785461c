#!/usr/bin/env python3
"""The client benchmark's posters (bench/client.sh): the same chat flood, to a momentum room
over its HTTP API or to an IRC channel on ngircd, sent by several posters at once.

  flood.py room URL ADMIN_TOKEN                      prints "CODE ROOM_ID" of a new room
  flood.py momentum URL CODE COUNT POSTERS TAG       posts COUNT messages, then "END TAG"
  flood.py irc PORT CHANNEL COUNT POSTERS TAG        the same to #CHANNEL on 127.0.0.1:PORT

Every message is about 64 bytes of text. The last one, "END TAG", is posted after all the
others were accepted: the flood has arrived when the client's screen shows it.
"""
import http.client
import json
import socket
import sys
import threading
import uuid


def text(poster, k):
    return f"p{poster} m{k:05d} Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed"


class Momentum:
    def __init__(self, url):
        host, port = url.removeprefix("http://").split(":")
        self.connection = http.client.HTTPConnection(host, int(port))
        self.token = None

    def call(self, path, body, token=None):
        headers = {"Content-Type": "application/json"}
        if token or self.token:
            headers["Authorization"] = "Bearer " + (token or self.token)
        self.connection.request("POST", path, json.dumps(body), headers)
        answer = self.connection.getresponse()
        data = answer.read()
        if answer.status >= 300:
            raise RuntimeError(f"{path}: {answer.status} {data[:200]!r}")
        return json.loads(data)

    def join(self, code, name):
        joined = self.call("/v1/join", {"code": code, "name": name})
        self.token = joined["token"]
        self.room = joined["room"]["id"]

    def post(self, message):
        self.call(f"/v1/rooms/{self.room}/messages", {"text": message, "clientId": str(uuid.uuid4())})


def momentum_flood(url, code, count, posters, tag):
    def poster(p):
        client = Momentum(url)
        client.join(code, f"Bot{tag}x{p}")
        for k in range(p, count, posters):
            client.post(text(p, k))
    run_all(poster, posters)
    last = Momentum(url)
    last.join(code, f"End{tag}")
    last.post(f"END {tag}")


class IRC:
    def __init__(self, port, nick, channel):
        self.socket = socket.create_connection(("127.0.0.1", port))
        self.channel = channel
        self.send(f"NICK {nick}\r\nUSER {nick} 0 * :{nick}\r\n")
        self.wait_for(" 001 ")
        self.send(f"JOIN #{channel}\r\n")
        self.wait_for(" 366 ")
        # Others' messages reach every poster too: read them, or ngircd drops a full queue.
        threading.Thread(target=self.drain, daemon=True).start()

    def send(self, line):
        self.socket.sendall(line.encode())

    def wait_for(self, marker):
        seen = b""
        while marker.encode() not in seen:
            chunk = self.socket.recv(65536)
            if not chunk:
                raise RuntimeError("ngircd closed the connection")
            seen += chunk
            for line in seen.split(b"\r\n"):
                if line.startswith(b"PING "):
                    self.send("PONG " + line[5:].decode() + "\r\n")

    def drain(self):
        try:
            while self.socket.recv(65536):
                pass
        except OSError:
            pass

    def post(self, message):
        self.send(f"PRIVMSG #{self.channel} :{message}\r\n")


def irc_flood(port, channel, count, posters, tag):
    def poster(p):
        client = IRC(port, f"bot{tag}x{p}", channel)
        lines = "".join(f"PRIVMSG #{channel} :{text(p, k)}\r\n" for k in range(p, count, posters))
        client.send(lines)
        client.send("QUIT\r\n")
        client.drain()
    run_all(poster, posters)
    last = IRC(port, f"end{tag}", channel)
    last.post(f"END {tag}")
    last.send("QUIT\r\n")
    last.drain()


def run_all(work, posters):
    failures = []

    def guarded(p):
        try:
            work(p)
        except Exception as error:  # reported below: a poster that failed spoils the run
            failures.append(error)
    threads = [threading.Thread(target=guarded, args=(p,)) for p in range(posters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def main(argv):
    kind = argv[1]
    if kind == "room":
        client = Momentum(argv[2])
        room = client.call("/v1/rooms", {"title": "Bench", "agenda": [{"title": "Flood", "day": 1, "start": "09:00", "minutes": 600}]}, token=argv[3])
        print(room["code"], room["roomId"])
    elif kind == "momentum":
        momentum_flood(argv[2], argv[3], int(argv[4]), int(argv[5]), argv[6])
    elif kind == "irc":
        irc_flood(int(argv[2]), argv[3], int(argv[4]), int(argv[5]), argv[6])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
