// The CLI end to end: in-process through runCli for most cases, and one real process for the entry point.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../../test/support/cli";

const FIXTURES = "test/fixtures/cli";
const dir = mkdtempSync(join(tmpdir(), "parwatch-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string) {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("cli rank", () => {
  it("ranks per cohort with shared ranks and bands", async () => {
    const { code, stdout } = await cli(["rank", "--input", `${FIXTURES}/rank-districts.csv`]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toEqual([
      "cohort,rank,unit,index,band",
      "department,1,Sở Nội vụ,90.05,A",
      "department,2,Sở Tài chính,89.99,B",
      "department,3,Sở Tư pháp,85.5,B",
      "district,1,Thành phố Sơn Hà,93.12,A",
      "district,2,Huyện Hòa Thuận,91.4,A",
      "district,2,Thị xã An Lạc,91.4,A",
      "district,4,Huyện Tân Phước,88.75,B",
      "district,5,Huyện Đông Sơn,79.9,C",
    ]);
  });

  it("uses a methodology's bands, writes JSON, and reads Vietnamese decimal commas", async () => {
    const input = file("rank.csv", 'unit,index\nXã A,"91,5"\nXã B,69.9\n');
    const { stdout } = await cli(["rank", "--input", input, "--bands", "par-commune", "--format", "json"]);
    expect(JSON.parse(stdout)).toEqual([
      { rank: 1, unit: "Xã A", index: 91.5, band: "tot" },
      { rank: 2, unit: "Xã B", index: 69.9, band: "trung-binh" },
    ]);
  });

  it("reads Excel's UTF-8 CSV: a byte-order mark, CRLF line ends, quoted names with commas", async () => {
    const input = file("excel.csv", '\ufeffUnit,Index\r\n"Sở Văn hóa, Thể thao và Du lịch",88.1\r\nSở Y tế,90\r\n');
    const { code, stdout } = await cli(["rank", "--input", input]);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toEqual([
      "rank,unit,index,band",
      "1,Sở Y tế,90,A",
      '2,"Sở Văn hóa, Thể thao và Du lịch",88.1,B',
    ]);
  });

  it("rejects a bad file with every row error and exit code 2, in Vietnamese by default", async () => {
    const input = file("bad.csv", "unit,index\nA,abc\nB,120\nA,5\n,7\n");
    const { code, stdout, stderr } = await cli(["rank", "--input", input], "vi");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toEqual([
      "Dòng 2, cột index (abc): phải là một số",
      "Dòng 3, cột index (120): phải từ 0 đến 100",
      "Dòng 4, cột unit (A): đơn vị đã xuất hiện ở dòng 2",
      "Dòng 5, cột unit (∅): bắt buộc",
      "Tệp bị từ chối: 4 lỗi. Không có kết quả nào được ghi.",
    ]);
  });

  it("explains missing columns, files and options, and unknown band sets", async () => {
    expect((await cli(["rank", "--input", file("cols.csv", "name,score\nA,1\n")])).stderr).toContain(
      "The file lacks columns: unit, index.",
    );
    expect((await cli(["rank", "--input", join(dir, "nope.csv")])).stderr).toContain("Cannot read");
    expect(await cli(["rank"])).toMatchObject({ code: 2, stderr: "Missing option --input.\n" });
    expect((await cli(["rank", "--input", `${FIXTURES}/rank-districts.csv`, "--bands", "zzz"])).stderr).toContain(
      "No band set zzz",
    );
    expect((await cli(["rank", "--bogus"])).code).toBe(2);
    expect((await cli(["frobnicate"])).stderr).toContain("Unknown command: frobnicate.");
  });

  it("has --help for every command and a general usage", async () => {
    for (const command of ["rank", "score", "sipas"]) {
      const { code, stdout } = await cli([command, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toContain(`npm run -s cli -- ${command}`);
    }
    expect((await cli(["--help"], "vi")).stdout).toContain("Các lệnh:");
    expect((await cli([])).code).toBe(2);
  });
});

describe("cli score", () => {
  it("scores, rescales a commune without survey, ranks and bands", async () => {
    const { code, stdout } = await cli([
      "score",
      "--methodology",
      "par-commune",
      "--input",
      `${FIXTURES}/score-par-commune.csv`,
    ]);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trim().split("\n");
    expect(header).toBe(
      "rank,unit,area_C1,area_C2,area_C3,area_C4,area_C5,area_C6,area_C7,total,max,index,band,missing",
    );
    // Xã An Bình by hand: C1 = 4 + 3 (plan 100 %) + 2.5 − 0.5 deduction = 9; C3 = 4 + 6.5 (98.7 % ≥ 98)
    // + 3 (no overdue) + 2 + 2.4 (96 % on 80→100) = 17.9; C7 = 30 × 88.4 % = 26.52.
    expect(rows[0]).toBe("1,Xã An Bình,9,5.5,17.9,11.5,5.5,12.27,26.52,88.19,100,88.19,kha,");
    expect(rows[1]).toBe("2,Phường Hòa Lạc,8,5,11.15,10.5,5.5,14.88,0,55.03,70,78.61,kha,");
    expect(rows[2]?.startsWith("3,Xã Tân Mỹ,")).toBe(true);
  });

  it("lists missing inputs and leaves the unit unranked", async () => {
    const input = file("partial.csv", "unit,criterion,value\nXã A,C1.1,3\n");
    const { stdout } = await cli(["score", "--methodology", "par-commune", "--input", input, "--format", "json"]);
    const [row] = JSON.parse(stdout);
    expect(row.rank).toBeNull();
    expect(row.complete).toBe(false);
    expect(row.scorecard.missing.map((m: { id: string }) => m.id)).toContain("C3.2");
  });

  it("rejects unknown criteria, points over the maximum and duplicates", async () => {
    const input = file("bad-score.csv", "unit,criterion,value\nXã A,C9.9,1\nXã A,C1.1,7\nXã A,C3.2,101\nXã A,C1.1,1\n");
    const { code, stderr } = await cli(["score", "--methodology", "par-commune", "--input", input]);
    expect(code).toBe(2);
    expect(stderr).toContain("Row 2, column criterion (C9.9): not in methodology par-commune");
    expect(stderr).toContain("Row 3, column value (7): must be between 0 and 4");
    expect(stderr).toContain("Row 4, column value (101): must be between 0 and 100");
    expect(stderr).toContain("Row 5, column criterion (C1.1): this criterion of the unit was already given on row 3");
  });

  it("loads a methodology from a JSON file and reports why an invalid one is refused", async () => {
    const ok = file(
      "m.json",
      JSON.stringify({
        id: "mini",
        version: "1",
        name: { vi: "Mini" },
        description: "",
        validFrom: 2025,
        cohorts: ["x"],
        kind: "points",
        bands: [{ id: "all", label: { vi: "Tất cả" }, min: 0 }],
        areas: [
          {
            id: "a",
            label: { vi: "A" },
            max: 10,
            children: [{ id: "a1", label: { vi: "A1" }, max: 10, rule: { kind: "manual" } }],
          },
        ],
      }),
    );
    const input = file("mini.csv", "unit,criterion,value\nU,a1,7.5\n");
    expect((await cli(["score", "--methodology", ok, "--input", input])).stdout).toContain("1,U,7.5,7.5,10,75,all,");
    const bad = file("bad.json", JSON.stringify({ id: "bad" }));
    const refused = await cli(["score", "--methodology", bad, "--input", input]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`The methodology in ${bad} is invalid:`);
    expect(refused.stderr).toContain("version: Required.");
    expect((await cli(["score", "--methodology", "sipas", "--input", input])).stderr).toContain("needs kind points");
  });
});

describe("cli sipas", () => {
  it("aggregates answers per unit with counts, needs and a small-sample warning", async () => {
    const { code, stdout, stderr } = await cli([
      "sipas",
      "--input",
      `${FIXTURES}/sipas-sample.csv`,
      "--format",
      "json",
    ]);
    expect(code).toBe(0);
    const results = JSON.parse(stdout);
    const anBinh = results.find((r: { unit: string }) => r.unit === "xa-an-binh");
    expect(anBinh).toMatchObject({
      respondents: 2,
      answers: 9,
      needs: { E1: 1, E2: 1, E5: 1 },
      minimumSample: 400,
      sampleTooSmall: true,
    });
    // E1: one of two satisfied → 50; E2, E3, E4: 100; E5: one of two → 50; SIPAS = mean = 80.
    expect(anBinh.elements.map((e: { index: number }) => e.index)).toEqual([50, 100, 100, 100, 50]);
    expect(anBinh.sipas).toBe(80);
    expect(stderr).toContain("Warning: 2 units have fewer respondents than the minimum sample.");
  });

  it("rejects out-of-range answers and unknown criteria by row", async () => {
    const input = file(
      "bad-sipas.csv",
      "respondent,unit,element,criterion,answer\nr1,u,E1,E1.1,7\nr1,u,E1,E9.1,4\nr1,u,E2,E1.2,4\n",
    );
    const { code, stderr } = await cli(["sipas", "--input", input]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "Row 2, column answer (7): An answer must be a whole number from 1 to 5, or blank; got: 7.",
    );
    expect(stderr).toContain("Row 3, column criterion (E9.1): Unknown survey criterion: E9.1.");
    expect(stderr).toContain("Row 4, column element (E2): Criterion E1.2 belongs to element E1, not E2.");
  });

  it("writes to --output instead of stdout", async () => {
    const output = join(dir, "out.csv");
    const { stdout } = await cli(["sipas", "--input", `${FIXTURES}/sipas-sample.csv`, "--output", output]);
    expect(stdout).toBe("");
    expect(readFileSync(output, "utf8").split("\n")[0]).toBe(
      "unit,respondents,answers,element_E1,element_E2,element_E3,element_E4,element_E5,sipas,minimumSample,sampleTooSmall",
    );
  });
});

describe("cli process", () => {
  it("exits 0 on success and 2 on bad input as a real process", async () => {
    const run = promisify(execFile);
    const ok = await run("npx", ["tsx", "functions/cli/main.ts", "rank", "--input", `${FIXTURES}/rank-districts.csv`]);
    expect(ok.stdout.split("\n")[0]).toBe("cohort,rank,unit,index,band");
    const bad = file("bad-process.csv", "unit,index\nA,x\n");
    await expect(run("npx", ["tsx", "functions/cli/main.ts", "rank", "--input", bad])).rejects.toMatchObject({
      code: 2,
    });
  });
});
