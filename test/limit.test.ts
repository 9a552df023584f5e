import { Limit } from "../lib/limit.js";

describe("Limit", () => {
  test("hands slots out in arrival order, and a slot released twice frees only one", async () => {
    const limit = new Limit(2);
    const first = await limit.acquire();
    await limit.acquire();
    const order: string[] = [];
    const third = limit.acquire().then((release) => (order.push("third"), release));
    const fourth = limit.acquire().then((release) => (order.push("fourth"), release));
    first();
    first(); // a second call must not let the fourth in as well
    await third;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(["third"]);
    (await third)();
    await fourth;
    expect(order).toEqual(["third", "fourth"]);
  });
});
