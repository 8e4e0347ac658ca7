const ExcelJS = require("exceljs");
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile("/tmp/s1.xlsx");
  const c = wb.getWorksheet("Bìa");
  c.getCell("C4").value = "huyện Tam Đường";
  c.getCell("C6").value = "125";
  c.getCell("C7").value = new Date(Date.UTC(2023, 4, 15));
  if (process.argv[2]) wb.calcProperties.fullCalcOnLoad = true;
  await wb.xlsx.writeFile("/tmp/s2.xlsx");
})();
