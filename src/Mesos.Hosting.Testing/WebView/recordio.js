// RecordIO, the framing of Mesos's event streams: each record is its length in bytes, in decimal, a newline,
// then that many bytes. A record can arrive split over chunks and its length counts UTF-8 bytes, not
// characters, so bytes are buffered and only whole records are decoded.
"use strict";

class RecordIoReader {
  constructor() {
    this.buffer = new Uint8Array(0);
    this.decoder = new TextDecoder("utf-8", { fatal: true });
  }

  push(chunk) {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    const records = [];
    let start = 0;
    for (;;) {
      const newline = this.buffer.indexOf(10, start);
      if (newline < 0) {
        if (this.buffer.length - start > 20) {
          throw new Error("RecordIO: a record length without its newline");
        }
        break;
      }
      const header = new TextDecoder().decode(this.buffer.subarray(start, newline));
      if (!/^\d+$/.test(header)) {
        throw new Error("RecordIO: a record length that is not a number");
      }
      const length = Number(header);
      if (this.buffer.length < newline + 1 + length) {
        break;
      }
      records.push(this.decoder.decode(this.buffer.subarray(newline + 1, newline + 1 + length)));
      start = newline + 1 + length;
    }
    this.buffer = this.buffer.slice(start);
    return records;
  }
}
