// A lake in a local folder. Files are written under a hidden temporary name in their final folder
// (".<name>.<pid>-<random>.tmp", which the readers' glob `edfi/*/school_year=*/*.ndjson.gz` never matches),
// fsynced, then renamed: a reader sees a whole file or none.
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync } from "node:fs";
import { access, link, mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { LakeError } from "./errors.js";
import { relativePath } from "./layout.js";
import { GzipPartitionWriter, type PartOptions, type PartSink, type PartUpload } from "./partition-writer.js";
import type { Lake, PartitionTarget, PartitionWriter } from "./types.js";

export class LocalLake implements Lake {
  private readonly sink: PartSink;

  constructor(
    readonly uri: string,
    /** Absolute path of the lake folder. */
    readonly root: string,
    private readonly options: PartOptions,
  ) {
    try {
      mkdirSync(root, { recursive: true });
    } catch (error) {
      throw new LakeError("write", root, error);
    }
    this.sink = { locate: (path) => this.locate(path), open: (path) => this.openPart(path) };
  }

  openPartition(target: PartitionTarget): PartitionWriter {
    return new GzipPartitionWriter(this.sink, target, this.options);
  }

  async readJson<T>(path: string): Promise<T | undefined> {
    const file = this.locate(relativePath(path));
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new LakeError("read", file, error);
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new LakeError("read", file, `not valid JSON: ${(error as Error).message}`);
    }
  }

  async writeJson(path: string, value: unknown): Promise<void> {
    await this.writeText(path, JSON.stringify(value, null, 2) + "\n");
  }

  async writeText(path: string, text: string): Promise<void> {
    await this.placeText(path, text, publish);
  }

  async createExclusive(path: string, text: string): Promise<boolean> {
    return this.placeText(path, text, publishNew);
  }

  async deleteIfUnchanged(path: string, text: string): Promise<boolean> {
    const file = this.locate(relativePath(path));
    const aside = tempNameFor(file);
    try {
      await rename(file, aside); // of two runs deleting it, one moves it away
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw new LakeError("write", file, error);
    }
    try {
      if ((await readFile(aside, "utf8")) === text) return true;
      await link(aside, file).catch(() => undefined); // another text: put it back, unless a new file took its place
      return false;
    } catch (error) {
      throw new LakeError("write", file, error);
    } finally {
      await rm(aside, { force: true }).catch(() => undefined);
    }
  }

  /** Write `text` to a temporary file and hand it to `place` (which gives it the final name); false if the name was taken. */
  private async placeText(path: string, text: string, place: (temp: string, file: string) => Promise<boolean | void>): Promise<boolean> {
    const file = this.locate(relativePath(path));
    const temp = tempNameFor(file);
    try {
      await mkdir(dirname(file), { recursive: true });
      const handle = await open(temp, "wx");
      try {
        await handle.writeFile(text, "utf8");
      } finally {
        await handle.close();
      }
      return (await place(temp, file)) !== false;
    } catch (error) {
      throw new LakeError("write", file, error);
    } finally {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }

  async list(prefix: string): Promise<string[]> {
    relativePath(prefix, { prefix: true });
    const folder = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
    const found: string[] = [];
    const walk = async (relative: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(this.locate(relative), { withFileTypes: true });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR") return;
        throw new LakeError("list", this.locate(relative), error);
      }
      for (const entry of entries) {
        if (entry.name.startsWith(".")) continue; // unfinished temporary files
        const path = relative ? `${relative}/${entry.name}` : entry.name;
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile() && path.startsWith(prefix)) found.push(path);
      }
    };
    await walk(folder);
    return found.sort();
  }

  async readFile(path: string): Promise<Buffer> {
    const file = this.locate(relativePath(path));
    try {
      return await readFile(file);
    } catch (error) {
      throw new LakeError("read", file, error);
    }
  }

  private locate(path: string): string {
    return path === "" ? this.root : join(this.root, ...path.split("/"));
  }

  private async openPart(path: string): Promise<PartUpload> {
    const file = this.locate(path);
    await mkdir(dirname(file), { recursive: true });
    if (await exists(file)) throw new Error("the file already exists (parts are never overwritten)");
    const temp = tempNameFor(file);
    const stream = createWriteStream(temp, { flags: "wx" });
    return {
      stream,
      commit: () => publish(temp, file),
      discard: async () => {
        stream.destroy();
        if (!stream.closed) await new Promise<void>((resolve) => stream.once("close", () => resolve()));
        await rm(temp, { force: true }).catch(() => undefined);
      },
    };
  }
}

function tempNameFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
}

/** Make a closed temporary file durable, then give it its final name (atomically, in the same folder). */
async function publish(temp: string, file: string): Promise<void> {
  await syncFile(temp);
  await rename(temp, file);
  await syncFolder(dirname(file));
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Make a closed temporary file durable, then link it under its final name if that is free (false if not). */
async function publishNew(temp: string, file: string): Promise<boolean> {
  await syncFile(temp);
  try {
    await link(temp, file); // fails if the name exists; shows the whole file or nothing
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  await syncFolder(dirname(file));
  return true;
}

/** Persist a rename (best effort: some platforms cannot open a folder for syncing). */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, "r");
    await handle.sync();
  } catch {
    // not supported here (e.g. Windows); the rename itself is still atomic
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
