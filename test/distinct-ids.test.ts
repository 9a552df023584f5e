import { randomBytes } from "node:crypto";
import { DistinctIds } from "../extractor/read.js";

describe("DistinctIds", () => {
  test("counts exactly what a Set counts, across table growth, odd ids and repeats", () => {
    const ids: string[] = [];
    for (let i = 0; i < 50_000; i++) ids.push(randomBytes(16).toString("hex"));
    ids.push("0".repeat(32), "0".repeat(32), "ABCDEF" + "0".repeat(26), "4f6f2c2a-9a0b-4d7f-8f1e-2a3b4c5d6e7f", "short", "");
    const withRepeats = [...ids, ...ids.slice(0, 20_000), "0".repeat(32), "short"];
    const distinct = new DistinctIds();
    for (const id of withRepeats) distinct.add(id);
    expect(distinct.size).toBe(new Set(withRepeats).size);
  });
});
