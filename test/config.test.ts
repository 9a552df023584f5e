import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, parseSettings } from "../extractor/config.js";
import { exportProxyVariables, loadEnvironment } from "../lib/env.js";

const valid = { EDFI_API_BASE_URL: "https://api.example.org/", EDFI_CLIENT_ID: "id", EDFI_CLIENT_SECRET: "secret", EDFI_SCHOOL_YEARS: "2025, 2024" };

describe("extractor settings", () => {
  test("defaults, normalised values, and flags over the environment", () => {
    const settings = parseSettings(valid, { LAKE_URI: "gs://bucket/lake" });
    expect(settings).toMatchObject({
      EDFI_API_BASE_URL: "https://api.example.org",
      EDFI_SCHOOL_YEARS: [2024, 2025],
      LAKE_URI: "gs://bucket/lake",
      EXTRACT_CONCURRENCY: 8,
      EXTRACT_PAGE_SIZE: 500,
      EXTRACT_MAX_RETRIES: 8,
      EXTRACT_PART_MB: 64,
      EXTRACT_GZIP_LEVEL: 1,
    });
  });

  test("every bad field is named, the secret never shown", () => {
    const bad = { ...valid, EDFI_CLIENT_SECRET: "hunter2", EXTRACT_GZIP_LEVEL: "11", EXTRACT_PAGE_SIZE: "0", EDFI_SCHOOL_YEARS: "25", LAKE_URI: "s3://bucket/lake" };
    let error: unknown;
    try {
      parseSettings(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const field of ["EXTRACT_GZIP_LEVEL", "EXTRACT_PAGE_SIZE", "EDFI_SCHOOL_YEARS"]) expect(message).toContain(field);
    expect(message).toContain('LAKE_URI: invalid lake URI "s3://bucket/lake": s3:// is not supported');
    expect(message).not.toContain("EDFI_CLIENT_SECRET");
    expect(message).not.toContain("hunter2");
    expect((error as ConfigError).exitCode).toBe(2);
  });

  test("a .env file fills in what the environment does not set", () => {
    const file = join(mkdtempSync(join(tmpdir(), "env-")), ".env");
    writeFileSync(file, "EDFI_CLIENT_ID=from-file\nLAKE_URI=./from-file\n");
    expect(loadEnvironment({ LAKE_URI: "./from-env" }, file)).toMatchObject({ EDFI_CLIENT_ID: "from-file", LAKE_URI: "./from-env" });
  });

  test("the .env file's proxy variables go into the process environment, where HTTP clients read them; the real environment wins", () => {
    const file = join(mkdtempSync(join(tmpdir(), "env-")), ".env");
    writeFileSync(file, "HTTPS_PROXY=http://proxy.district.org:3128\nno_proxy=.district.org\nhttp_proxy=http://from-file:3128\nLAKE_URI=./from-file\n");
    const processEnv = { http_proxy: "http://from-env:3128" };
    exportProxyVariables(loadEnvironment(processEnv, file), processEnv);
    expect(processEnv).toEqual({ HTTPS_PROXY: "http://proxy.district.org:3128", no_proxy: ".district.org", http_proxy: "http://from-env:3128" });
  });
});
