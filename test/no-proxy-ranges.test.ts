// NO_PROXY's IP ranges, which proxy-from-env does not read (extractor/api/no-proxy-ranges.ts).
import { inNoProxyRange, invalidRanges } from "../extractor/api/no-proxy-ranges.js";

describe("NO_PROXY IP ranges", () => {
  test("an IPv4 address inside a range, and only inside", () => {
    const noProxy = "localhost, .district.org,10.0.0.0/8 192.168.4.0/22";
    expect(inNoProxyRange("10.200.3.4", noProxy)).toBe(true);
    expect(inNoProxyRange("192.168.7.255", noProxy)).toBe(true);
    expect(inNoProxyRange("192.168.8.0", noProxy)).toBe(false);
    expect(inNoProxyRange("11.0.0.1", noProxy)).toBe(false);
  });

  test("IPv6 addresses as URLs write them, in brackets", () => {
    expect(inNoProxyRange("[fd00::12]", "fd00::/8")).toBe(true);
    expect(inNoProxyRange("[fe80::1]", "fd00::/8")).toBe(false);
    expect(inNoProxyRange("[::1]", "10.0.0.0/8,::1/128")).toBe(true);
  });

  test("host names never match a range, and ranges are not host names", () => {
    expect(inNoProxyRange("api.district.org", "0.0.0.0/0,::/0")).toBe(false);
    expect(inNoProxyRange("10.0.0.1", "10.0.0.1,.district.org")).toBe(false);
    expect(inNoProxyRange("127.0.0.1", "")).toBe(false);
  });

  test("entries written as ranges that are not valid ones are named; host and URL entries are left alone", () => {
    expect(invalidRanges("localhost,10.0.0.0/8,10.0.0.0/33 intranet/8,fd00::/129,10.0.0.0/,10.0.0.0/8/1,10.0.0.0/x,.district.org")).toEqual([
      "10.0.0.0/33",
      "fd00::/129",
      "10.0.0.0/",
      "10.0.0.0/8/1",
      "10.0.0.0/x",
    ]);
    expect(invalidRanges("localhost,127.0.0.0/8,::1/128,*,https://metadata.google.internal,http://10.0.0.5:8080/")).toEqual([]);
  });

  test("an invalid range matches nothing, the valid ones still do", () => {
    expect(inNoProxyRange("10.0.0.1", "10.0.0.0/33,10.0.0.0/8")).toBe(true);
    expect(inNoProxyRange("10.0.0.1", "10.0.0.0/33")).toBe(false);
  });
});
