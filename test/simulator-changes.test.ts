import { startSimulator } from "../simulator/server.js";
import { client, currentIds, useSimulator, walkOffsets as walk, type Client } from "./support/api.js";

async function newest(api: Client, headers: Record<string, string> = {}): Promise<number> {
  const body = (await api.changeQueries("availableChangeVersions", headers)).json();
  return body.newestChangeVersion ?? body.NewestChangeVersion;
}

describe.each(["5.3", "6.1", "7.3"] as const)("change queries on ODS/API %s", (apiVersion) => {
  const t = useSimulator({ students: 40, apiVersion });

  test("availableChangeVersions uses the version's casing", async () => {
    const body = (await t.api.changeQueries("availableChangeVersions")).json();
    if (apiVersion === "5.3") expect(Object.keys(body)).toEqual(["OldestChangeVersion", "NewestChangeVersion"]);
    else expect(Object.keys(body)).toEqual(["oldestChangeVersion", "newestChangeVersion"]);
  });

  test("a full snapshot plus the change window, deletes and key changes of a mutation give exactly the new state", async () => {
    const resources = ["studentSchoolAssociations", "studentSchoolAttendanceEvents", "students", "grades"];
    const before = await newest(t.api);
    const full = new Map<string, Map<string, any>>();
    for (const r of resources) full.set(r, new Map((await walk(t.api, r)).map((x) => [x.id, x])));

    const summary = t.sim.mutate(0.05);
    const counts = Object.values(summary)[0];
    expect(counts.studentSchoolAttendanceEvents.deleted).toBeGreaterThan(0);
    expect(counts.studentSchoolAttendanceEvents.inserted).toBeGreaterThan(0);
    expect(counts.students.updated + counts.students.reinserted).toBeGreaterThan(0);
    if (apiVersion !== "5.3") expect(counts.studentSchoolAssociations.keyChanged).toBeGreaterThan(0);

    const after = await newest(t.api);
    expect(after).toBeGreaterThan(before);
    const window = `minChangeVersion=${before + 1}&maxChangeVersion=${after}`;
    for (const r of resources) {
      const state = full.get(r)!;
      const deletes = await walk(t.api, `${r}/deletes?${window}`);
      for (const d of deletes) {
        if (apiVersion === "5.3") {
          expect(Object.keys(d)).toEqual(["Id", "ChangeVersion"]);
          state.delete(d.Id);
        } else {
          expect(Object.keys(d)).toEqual(["id", "changeVersion", "keyValues"]);
          state.delete(d.id);
        }
      }
      for (const changed of await walk(t.api, `${r}?${window}`)) state.set(changed.id, changed);
      const truth = [...t.sim.instance().current(r)].map((x) => x.id).sort();
      expect([...state.keys()].sort()).toEqual(truth);
    }
  });

  test("/keyChanges lists old and new key values from 6.x on, and does not exist on 5.x", async () => {
    const response = await t.api.get("studentSchoolAssociations/keyChanges");
    if (apiVersion === "5.3") {
      expect(response.status).toBe(404);
      return;
    }
    const changes = response.json();
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(Object.keys(change)).toEqual(["id", "changeVersion", "oldKeyValues", "newKeyValues"]);
      expect(Object.keys(change.oldKeyValues)).toEqual(["entryDate", "schoolId", "studentUniqueId"]);
      expect(change.newKeyValues).not.toEqual(change.oldKeyValues);
      const current = await t.api.get(`studentSchoolAssociations/${change.id}`);
      if (current.status === 200) expect(current.json().studentReference.studentUniqueId).toBe(change.newKeyValues.studentUniqueId);
    }
  });

  test("deletes carry the deleted record's flattened key values (6.x+)", async () => {
    if (apiVersion === "5.3") return expect((await t.api.get("grades/deletes")).json()[0]).toHaveProperty("Id");
    const [deleted] = (await t.api.get("grades/deletes")).json();
    expect(Object.keys(deleted.keyValues)).toEqual(expect.arrayContaining(["gradeTypeDescriptor", "studentUniqueId", "sectionIdentifier"]));
  });
});

describe("snapshots", () => {
  test("7.3 Use-Snapshot reads stay frozen while the district keeps writing", async () => {
    const sim = await startSimulator({ students: 40, apiVersion: "7.3", faults: "writes=1" });
    try {
      const api = await client(sim);
      const snapshot = sim.instance().latestSnapshot!;
      const frozen = [...sim.instance().current("studentSectionAssociations", snapshot.changeVersion)].map((r) => r.id);
      const walked = await walk(api, "studentSectionAssociations", 50, { "Use-Snapshot": "true" });
      expect(walked.map((x) => x.id)).toEqual(frozen);
      expect(await newest(api, { "Use-Snapshot": "true" })).toBe(snapshot.changeVersion);
      // Without the snapshot, offset paging under concurrent writes loses and repeats records.
      const naive = (await walk(api, "studentSectionAssociations", 50)).map((x) => x.id);
      expect(sim.stats().faults.writes).toBeGreaterThan(0);
      expect(naive.sort()).not.toEqual(currentIds(sim, "studentSectionAssociations").sort());
    } finally {
      await sim.stop();
    }
  });

  test("7.3 without snapshots answers Use-Snapshot with 404 Snapshot not found", async () => {
    const sim = await startSimulator({ students: 20, apiVersion: "7.3", snapshots: false });
    try {
      const response = await (await client(sim)).get("students", { "Use-Snapshot": "true" });
      expect([response.status, response.json().detail]).toEqual([404, "Snapshot not found."]);
    } finally {
      await sim.stop();
    }
  });

  test.each(["5.3", "6.1"] as const)("%s lists snapshots and reads one by Snapshot-Identifier; a gone one is 410", async (apiVersion) => {
    const sim = await startSimulator({ students: 20, apiVersion });
    try {
      const api = await client(sim);
      const [first] = (await api.changeQueries("snapshots")).json();
      expect(Object.keys(first)).toEqual(["id", "snapshotIdentifier", "snapshotDateTime"]);
      const before = (await walk(api, "students", 100, { "Snapshot-Identifier": first.snapshotIdentifier })).map((x) => x._etag);
      sim.mutate(0.5);
      const pinned = (await walk(api, "students", 100, { "Snapshot-Identifier": first.snapshotIdentifier })).map((x) => x._etag);
      expect(pinned).toEqual(before);
      const live = (await walk(api, "students", 100)).map((x) => x._etag);
      expect(live).not.toEqual(before);
      expect((await api.changeQueries("snapshots")).json()).toHaveLength(2);
      expect((await api.get("students", { "Snapshot-Identifier": "nope" })).status).toBe(410);
    } finally {
      await sim.stop();
    }
  });
});
