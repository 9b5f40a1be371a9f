import { describe, expect, it } from "vitest";
import { badgeCard, badgeSvg } from "./badge";

const facts = {
  unitName: "Xã <Bắc> & Thạnh",
  methodologyName: "Chỉ số CCHC cấp xã",
  periodLabel: "Năm 2025",
  index: 86.456,
  rank: 4,
  of: 9,
  band: "Khá",
  profileUrl: "/cong-khai/don-vi/xa-bac-thanh",
};

describe("badge", () => {
  it("shows index, rank of, band and period, Vietnamese style, with the text escaped", () => {
    const svg = badgeSvg(facts);
    expect(svg).toContain(">86,46<");
    expect(svg).toContain(">Hạng 4/9<");
    expect(svg).toContain(">Khá<");
    expect(svg).toContain("Chỉ số CCHC cấp xã · Năm 2025");
    expect(svg).toContain("Xã &lt;Bắc&gt; &amp; Thạnh");
    expect(svg).not.toContain("<Bắc>");
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });

  it("makes a card for an iframe that links to the public profile and runs nothing", () => {
    const card = badgeCard({ ...facts, rank: null, index: null });
    expect(card).toContain('href="/cong-khai/don-vi/xa-bac-thanh"');
    expect(card).toContain(`<span class="big">—</span> · Hạng —`);
    expect(card).not.toMatch(/<script/i);
  });
});
