import { describe, expect, it } from "vitest";
import { BUNDLED_METHODOLOGIES } from "../../../../shared/methodology/bundled";
import { decisionsIn } from "./legal-basis";

describe("decisionsIn", () => {
  it("reads each decision and the year written beside it, once, in order", () => {
    expect(
      decisionsIn(
        "used with Decision 876/QĐ-BNV (2022–2030, revised by 892/QĐ-BNV of 05/12/2024); again 876/QĐ-BNV. Decision 766/QĐ-TTg (2022) and 12/QD-UBND",
      ),
    ).toEqual([
      { number: "876/QĐ-BNV", year: 2022 },
      { number: "892/QĐ-BNV", year: 2024 },
      { number: "766/QĐ-TTg", year: 2022 },
      { number: "12/QD-UBND", year: null },
    ]);
  });

  it("finds the decisions of the bundled methodologies that name one", () => {
    const byId = new Map(BUNDLED_METHODOLOGIES.map((m) => [m.id, decisionsIn(m.description)]));
    expect(byId.get("par-province")?.map((d) => d.number)).toEqual(["876/QĐ-BNV", "892/QĐ-BNV"]);
    expect(byId.get("service-index")).toEqual([{ number: "766/QĐ-TTg", year: 2022 }]);
    expect(byId.get("sipas")?.map((d) => `${d.number} ${d.year}`)).toEqual(["2640/QĐ-BNV 2017", "1001/QĐ-BNV 2023"]);
    expect(byId.get("par-commune")).toEqual([]);
  });
});
