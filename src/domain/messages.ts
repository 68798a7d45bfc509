/**
 * What the registry says when it refuses something, in both UI languages. A refusal is a stable code with its
 * parameters (and the field it concerns); the text is made from it only where someone reads it: the web page in
 * its language, the CLI in the terminal's, the API as `reason` in English beside the code and parameters.
 *
 * The validators run once per imported row, so they only build the small Message object; nothing is rendered
 * until a reader asks.
 */
import type { CompanyField } from './company-fields.ts';

export const messageLanguages = ['zh-CN', 'en'] as const;
export type MessageLanguage = (typeof messageLanguages)[number];

type Texts = Readonly<Record<MessageLanguage, string>>;

// Hints shared by several codes, kept word for word in both languages.
const asText: Texts = {
  en: 'format the column as text (文本) where the file was made and export it again',
  'zh-CN': '请在制表处把该列设为“文本”格式后重新导出',
};
const rounded: Texts = {
  en: ` (all digits and ending in 000: Excel probably stored the code as a number and kept only its first 15 digits; ${asText.en})`,
  'zh-CN': `（全为数字且以 000 结尾：Excel 很可能把代码存成了数字，只保留了前 15 位；${asText['zh-CN']}）`,
};
const xiamen: Texts = {
  en: ' (some codes issued in Xiamen before 2016 carry a non-standard check character; verify with the registry)',
  'zh-CN': '（厦门 2016 年以前核发的部分代码校验码不合标准，请向登记机关核实）',
};
const dayZero: Texts = {
  en: ' (day zero of a spreadsheet or database: the date was empty where the file was made)',
  'zh-CN': '（这是电子表格或数据库的“第 0 天”：原文件中该日期为空）',
};
const orgCheck: Texts = {
  en: 'organisation code check digit should be "{{expected}}", got "{{got}}"',
  'zh-CN': '组织机构代码校验码（第 17 位）应为“{{expected}}”，实为“{{got}}”',
};
const checkChar: Texts = {
  en: 'check character should be "{{expected}}", got "{{got}}"',
  'zh-CN': '校验码（第 18 位）应为“{{expected}}”，实为“{{got}}”',
};
const noSuchDate: Texts = { en: 'no such date {{date}}', 'zh-CN': '日期 {{date}} 不存在' };
const yearRange: Texts = {
  en: 'year {{year}} is outside {{min}}–{{max}}',
  'zh-CN': '年份 {{year}} 不在 {{min}}–{{max}} 之间',
};
const join = (a: Texts, b: Texts): Texts => ({ en: a.en + b.en, 'zh-CN': a['zh-CN'] + b['zh-CN'] });

/**
 * Every code with its text in each language; `{{name}}` is replaced by the parameter of that name. A code or a
 * language missing here fails the type check wherever it is used.
 */
const catalogue = {
  // A field's value
  'field.empty': { en: 'is empty', 'zh-CN': '未填写' },
  'field.tooLong': { en: 'is longer than {{max}} characters', 'zh-CN': '超过 {{max}} 个字' },

  // Credit code (GB 32100-2015)
  'creditCode.scientific': {
    en: `"{{code}}" is a number as Excel shows it in scientific notation, and the code's digits are lost; ${asText.en}`,
    'zh-CN': `“{{code}}”是 Excel 以科学计数法显示的数字，代码的各位数字已丢失；${asText['zh-CN']}`,
  },
  'creditCode.registrationNumber': {
    en: `"{{code}}" has 15 digits: a registration number (注册号) from before the credit code, not the code itself; look up the company's 18-character credit code in the registry`,
    'zh-CN':
      '“{{code}}”是 15 位数字，是实行统一社会信用代码前的注册号，不是信用代码本身；请在登记系统中查询该企业的 18 位统一社会信用代码',
  },
  'creditCode.length': {
    en: 'must be 18 characters, got {{length}}',
    'zh-CN': '应为 18 位，实为 {{length}} 位',
  },
  'creditCode.notAllowed': {
    en: 'contains "{{char}}" which is not allowed',
    'zh-CN': '含有不允许的字符“{{char}}”',
  },
  'creditCode.lookalike': {
    en: 'contains "{{char}}" which is not allowed: GB 32100 codes use no I, O, S, V or Z (is "{{char}}" a mistyped "{{meant}}"?)',
    'zh-CN':
      '含有不允许的字母“{{char}}”：GB 32100 代码不使用 I、O、S、V、Z（“{{char}}”是否为“{{meant}}”之误？）',
  },
  'creditCode.division': {
    en: 'administrative division code must be 6 digits, got "{{division}}"',
    'zh-CN': '第 3–8 位行政区划码应为 6 位数字，实为“{{division}}”',
  },
  'creditCode.orgCheck': orgCheck,
  'creditCode.orgCheckRounded': join(orgCheck, rounded),
  'creditCode.checkChar': checkChar,
  'creditCode.checkCharRounded': join(checkChar, rounded),
  'creditCode.checkCharXiamen': join(checkChar, xiamen),

  // Dates
  'date.noSuchDate': noSuchDate,
  'date.noSuchDateDayZero': join(noSuchDate, dayZero),
  'date.yearRange': yearRange,
  'date.yearRangeDayZero': join(yearRange, dayZero),
  'date.yearMonth': {
    en: '"{{text}}" gives a year and month but no day',
    'zh-CN': '“{{text}}”只有年和月，没有日',
  },
  'date.serialRange': {
    en: 'Excel serial {{serial}} is out of range 1–{{max}}',
    'zh-CN': 'Excel 日期序号 {{serial}} 超出 1–{{max}} 的范围',
  },
  'date.serial1900Leap': {
    en: 'Excel serial {{serial}} is 1900-02-29, a day that does not exist',
    'zh-CN': 'Excel 日期序号 {{serial}} 对应 1900-02-29，这一天并不存在',
  },
  'date.yearOnly': {
    en: '{{text}} looks like a year, not a full date',
    'zh-CN': '{{text}} 像是只填了年份，不是完整的日期',
  },
  'date.unrecognised': { en: 'unrecognised date "{{text}}"', 'zh-CN': '无法识别的日期“{{text}}”' },
  'date.yearFirst': {
    en: 'unrecognised date "{{text}}" (expected the year first, e.g. 2021-03-05)',
    'zh-CN': '无法识别的日期“{{text}}”（年份应在前，如 2021-03-05）',
  },
  'date.future': { en: '{{date}} is in the future', 'zh-CN': '{{date}} 晚于今天' },

  // Amounts of money
  'money.notAmount': { en: 'not an amount: "{{text}}"', 'zh-CN': '“{{text}}”不是金额' },
  'money.notAmountNumber': { en: 'not an amount: {{value}}', 'zh-CN': '{{value}} 不是金额' },
  'money.chineseNumerals': {
    en: 'not an amount: "{{text}}" is written in Chinese numerals; write it in digits (伍佰万元 as 500万元)',
    'zh-CN': '“{{text}}”不是金额：写的是中文数字，请改用阿拉伯数字（如 伍佰万元 写作 500万元）',
  },
  'money.negative': { en: 'negative amount "{{text}}"', 'zh-CN': '金额“{{text}}”为负数' },
  'money.negativeNumber': { en: 'negative amount {{value}}', 'zh-CN': '金额 {{value}} 为负数' },
  'money.separator': {
    en: 'misplaced thousands separator in "{{text}}"',
    'zh-CN': '“{{text}}”中的千位分隔符位置不对',
  },
  'money.unknownUnit': {
    en: 'unknown unit or currency "{{unit}}"',
    'zh-CN': '无法识别的单位或币种“{{unit}}”（应为 元、万元、亿元 或币种）',
  },
  'money.conflictingCurrencies': {
    en: 'conflicting currencies {{first}} and {{second}}',
    'zh-CN': '币种矛盾：{{first}} 与 {{second}}',
  },
  'money.tooLarge': { en: 'amount is too large', 'zh-CN': '金额过大' },

  // Counts
  'integer.notNumber': { en: 'not a number: "{{text}}"', 'zh-CN': '“{{text}}”不是数字' },
  'integer.notNumberValue': { en: 'not a number: {{value}}', 'zh-CN': '{{value}} 不是数字' },
  'integer.negative': { en: 'negative number "{{text}}"', 'zh-CN': '“{{text}}”为负数' },
  'integer.negativeValue': { en: 'negative number {{value}}', 'zh-CN': '{{value}} 为负数' },
  'integer.notWhole': { en: 'not a whole number: "{{text}}"', 'zh-CN': '“{{text}}”不是整数' },
  'integer.notWholeValue': { en: 'not a whole number: {{value}}', 'zh-CN': '{{value}} 不是整数' },
  'integer.separator': {
    en: 'misplaced thousands separator in "{{text}}"',
    'zh-CN': '“{{text}}”中的千位分隔符位置不对',
  },
  'integer.tooLarge': { en: 'too large (at most {{max}})', 'zh-CN': '数值过大（最大 {{max}}）' },

  // The other fields of a company row
  'industry.unknown': {
    en: '"{{text}}" is not a GB/T 4754-2017 code or section, division, group or class name',
    'zh-CN': '“{{text}}”不是 GB/T 4754-2017 的行业代码，也不是门类、大类、中类或小类名称',
  },
  'industry.disagree': {
    en: '"{{text}}": the code {{code}} and the name {{name}} ({{named}}) do not agree',
    'zh-CN': '“{{text}}”：代码 {{code}} 与名称“{{name}}”（{{named}}）不一致',
  },
  'capital.headerCurrency': {
    en: `"{{text}}" is in {{currency}} but the column's header gives {{header}}`,
    'zh-CN': '“{{text}}”的币种是 {{currency}}，但列标题写的是 {{header}}',
  },
  'currency.unknown': { en: 'unknown currency "{{text}}"', 'zh-CN': '无法识别的币种“{{text}}”' },
  'currency.conflict': {
    en: 'the registered capital "{{capital}}" is in {{capitalCurrency}} but the currency column says {{currency}} ("{{text}}")',
    'zh-CN': '注册资本“{{capital}}”的币种是 {{capitalCurrency}}，但币种列写的是 {{currency}}（“{{text}}”）',
  },
  'town.unknown': { en: 'unknown town "{{text}}"', 'zh-CN': '本区没有街镇“{{text}}”' },
  'town.scientific': {
    en: `"{{text}}" is a division code as Excel shows a number in scientific notation, and its digits are lost; ${asText.en}`,
    'zh-CN': `“{{text}}”是 Excel 以科学计数法显示的区划代码，各位数字已丢失；${asText['zh-CN']}`,
  },
  'status.unknown': {
    en: 'unknown status "{{text}}" (expected 存续/在业, 吊销, 注销 or 迁出)',
    'zh-CN': '无法识别的登记状态“{{text}}”（应为 存续/在业、吊销、注销 或 迁出）',
  },
  'enterpriseType.unknown': { en: 'unknown type "{{text}}"', 'zh-CN': '无法识别的企业类型“{{text}}”' },
  'hqType.unknown': {
    en: 'unknown headquarters type "{{text}}"',
    'zh-CN': '无法识别的总部类型“{{text}}”',
  },
  'country.unknown': { en: 'unknown country "{{text}}"', 'zh-CN': '无法识别的国别“{{text}}”' },

  // Rows that are not companies, and repeats
  'row.totals': { en: '"{{label}}": a totals row, not a company', 'zh-CN': '“{{label}}”：合计行，不是企业' },
  'row.header': {
    en: 'repeats the header row (pages of an export pasted together?), not a company',
    'zh-CN': '重复的表头行（是否把导出的几页粘贴在了一起？），不是企业',
  },
  'row.note': { en: '"{{text}}": a note, not a company', 'zh-CN': '“{{text}}”：说明文字，不是企业' },
  'row.repeats': { en: 'repeats line {{line}}', 'zh-CN': '与第 {{line}} 行重复' },
  'row.shifted': {
    en: 'the row has {{cells}} cells where the header has {{columns}} columns: a cell holding the delimiter unquoted (an address with a comma?) has moved the cells after it',
    'zh-CN':
      '此行有 {{cells}} 个单元格，表头只有 {{columns}} 列：某个单元格内含未加引号的分隔符（地址里的逗号？），其后的单元格都错了位',
  },
  'name.lostCharacter': {
    en: 'contains "{{char}}" where a character was lost: a tool saved the file in an encoding that cannot hold it (GBK has no 𠮷 or 䶮) or the bytes are damaged; save it as GB18030, CSV UTF-8 or .xlsx',
    'zh-CN':
      '含有“{{char}}”，此处有字符丢失：制表工具以容纳不了该字的编码保存了文件（GBK 没有“𠮷”“䶮”等字），或文件已损坏；请另存为 GB18030、CSV UTF-8 或 .xlsx',
  },

  // An import job that ended without running to its end
  'job.interrupted': {
    en: 'interrupted: the process running the import stopped; nothing was written',
    'zh-CN': '已中断：运行导入的进程已停止，没有写入任何数据',
  },
  'job.expired': {
    en: 'expired: the upload was not started within a day; upload the file again',
    'zh-CN': '已过期：文件上传后一天内未开始导入；请重新上传',
  },

  // A file that cannot be imported at all
  'file.empty': { en: 'the file is empty', 'zh-CN': '文件是空的' },
  'file.emptySheet': {
    en: 'the file is empty (sheet "{{sheet}}" has no cells)',
    'zh-CN': '文件是空的（工作表“{{sheet}}”没有任何单元格）',
  },
  'file.emptyZip': {
    en: 'the file is an empty ZIP archive, not a spreadsheet',
    'zh-CN': '文件是空的 ZIP 压缩包，不是电子表格',
  },
  'file.legacyXls': {
    en: 'legacy .xls is not supported; save as .xlsx or CSV (a password-protected workbook must be saved without its password)',
    'zh-CN': '不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV（设了密码的工作簿须先取消密码再保存）',
  },
  'file.pdf': {
    en: 'the file is not a spreadsheet (looks like PDF)',
    'zh-CN': '文件不是电子表格（像是 PDF 文档）',
  },
  'file.png': {
    en: 'the file is not a spreadsheet (looks like a PNG image)',
    'zh-CN': '文件不是电子表格（像是 PNG 图片）',
  },
  'file.jpeg': {
    en: 'the file is not a spreadsheet (looks like a JPEG image)',
    'zh-CN': '文件不是电子表格（像是 JPEG 图片）',
  },
  'file.gif': {
    en: 'the file is not a spreadsheet (looks like a GIF image)',
    'zh-CN': '文件不是电子表格（像是 GIF 图片）',
  },
  'file.gzip': {
    en: 'the file is not a spreadsheet (looks like a GZIP archive)',
    'zh-CN': '文件不是电子表格（像是 GZIP 压缩包）',
  },
  'file.rar': {
    en: 'the file is not a spreadsheet (looks like a RAR archive)',
    'zh-CN': '文件不是电子表格（像是 RAR 压缩包）',
  },
  'file.7z': {
    en: 'the file is not a spreadsheet (looks like a 7z archive)',
    'zh-CN': '文件不是电子表格（像是 7z 压缩包）',
  },
  'file.binary': {
    en: 'the file is not a spreadsheet (looks like binary data)',
    'zh-CN': '文件不是电子表格（像是二进制数据）',
  },
  'file.utf16': {
    en: 'the file is UTF-16 text ("Unicode Text"), which is not supported; save as .xlsx or CSV UTF-8',
    'zh-CN': '文件是 UTF-16 文本（“Unicode 文本”），不支持；请另存为 .xlsx 或 CSV UTF-8',
  },
  'file.xml2003': {
    en: 'Excel 2003 XML spreadsheets are not supported; save as .xlsx or CSV',
    'zh-CN': '不支持 Excel 2003 XML 表格，请另存为 .xlsx 或 CSV',
  },
  'file.html': {
    en: 'the file is a web page (HTML) with a spreadsheet name, not a real spreadsheet; open it in Excel and save as .xlsx or CSV',
    'zh-CN': '文件是起了表格文件名的网页（HTML），不是真正的电子表格；请用 Excel 打开后另存为 .xlsx 或 CSV',
  },
  'file.notUtf8': {
    en: 'the file is not valid UTF-8 (near line {{line}}); if Excel saved it as "CSV (逗号分隔)", choose the GB18030 encoding',
    'zh-CN':
      '文件不是有效的 UTF-8 编码（约第 {{line}} 行）；如果是 Excel 存成的“CSV (逗号分隔)”，请选择 GB18030 编码',
  },
  'file.joinedEncodings': {
    en: 'line {{line}}: a UTF-8 byte-order mark starts this line of a GB18030 file, so files in two encodings were joined; save them as one file in one encoding (CSV UTF-8 or .xlsx)',
    'zh-CN':
      '第 {{line}} 行：GB18030 文件的这一行以 UTF-8 字节顺序标记开头，说明两种编码的文件被拼接在了一起；请存为同一编码的一个文件（CSV UTF-8 或 .xlsx）',
  },
  'file.recordTooLong': {
    en: 'line {{line}}: one record runs on for more than {{mb}} MB; a quoted field is probably missing its closing " (or the file is not a CSV)',
    'zh-CN':
      '第 {{line}} 行：一条记录超过 {{mb}} MB，很可能是某个带引号的字段缺了结尾的 "（或者文件不是 CSV）',
  },
  'file.unclosedQuote': {
    en: 'line {{line}}: a quoted field starts on this line but its closing " is missing',
    'zh-CN': '第 {{line}} 行：有一个带引号的字段从这一行开始，但缺少结尾的 "',
  },
  'file.damaged': {
    en: 'the workbook is damaged or not a valid .xlsx file ({{detail}})',
    'zh-CN': '工作簿已损坏或不是有效的 .xlsx 文件（{{detail}}）',
  },
  'file.zipMethod': {
    en: 'the workbook uses an unsupported ZIP compression (method {{method}})',
    'zh-CN': '工作簿使用了不支持的 ZIP 压缩方式（方法 {{method}}）',
  },
  'file.notWorkbook': {
    en: 'the file is a ZIP archive but not an Excel .xlsx workbook',
    'zh-CN': '文件是 ZIP 压缩包，但不是 Excel .xlsx 工作簿',
  },
  'file.notWorkbookWord': {
    en: 'the file is a ZIP archive but not an Excel .xlsx workbook (looks like a Word document)',
    'zh-CN': '文件是 ZIP 压缩包，但不是 Excel .xlsx 工作簿（像是 Word 文档）',
  },
  'file.notWorkbookPowerPoint': {
    en: 'the file is a ZIP archive but not an Excel .xlsx workbook (looks like a PowerPoint presentation)',
    'zh-CN': '文件是 ZIP 压缩包，但不是 Excel .xlsx 工作簿（像是 PowerPoint 演示文稿）',
  },
  'file.notWorkbookOpenDocument': {
    en: 'the file is a ZIP archive but not an Excel .xlsx workbook (looks like an OpenDocument file; save it as .xlsx or CSV)',
    'zh-CN': '文件是 ZIP 压缩包，但不是 Excel .xlsx 工作簿（像是 OpenDocument 文件，请另存为 .xlsx 或 CSV）',
  },
  'file.xlsb': {
    en: 'binary .xlsb workbooks are not supported; save as .xlsx or CSV',
    'zh-CN': '不支持二进制 .xlsb 工作簿，请另存为 .xlsx 或 CSV',
  },
  'file.noSheets': { en: 'the workbook has no sheets', 'zh-CN': '工作簿里没有工作表' },
  'file.noSheetNumber': {
    en: 'the workbook has {{count}} sheet(s), no sheet {{sheet}}: {{names}}',
    'zh-CN': '工作簿只有 {{count}} 个工作表，没有第 {{sheet}} 个：{{names}}',
  },
  'file.noSheetNamed': {
    en: 'the workbook has no sheet named "{{sheet}}"; its sheets are {{names}}',
    'zh-CN': '工作簿里没有名为“{{sheet}}”的工作表；现有工作表为 {{names}}',
  },
  'file.notWorksheet': {
    en: 'sheet "{{sheet}}" is not a worksheet with cells (a chart sheet?)',
    'zh-CN': '工作表“{{sheet}}”不是含单元格的普通工作表（是图表页吗？）',
  },
  'file.tooLarge': { en: 'the file is larger than {{mb}} MB', 'zh-CN': '文件超过 {{mb}} MB' },
  'file.noCreditCodeColumn': {
    en: 'the file has no column for 统一社会信用代码 (credit code); headers found: {{headers}}',
    'zh-CN': '文件中没有“统一社会信用代码”列；找到的表头为：{{headers}}',
  },
  'file.noNameColumn': {
    en: 'the file has no column for 企业名称 (company name); headers found: {{headers}}',
    'zh-CN': '文件中没有“企业名称”列；找到的表头为：{{headers}}',
  },
  'file.noRequiredColumns': {
    en: 'the file has no column for 统一社会信用代码 (credit code) or 企业名称 (company name); headers found: {{headers}}',
    'zh-CN': '文件中没有“统一社会信用代码”列，也没有“企业名称”列；找到的表头为：{{headers}}',
  },
  'file.duplicateColumns': {
    en: 'more than one column maps to {{fields}}',
    'zh-CN': '有多个列对应到同一字段：{{fields}}',
  },
  'file.headerOnly': {
    en: 'the file has a header row but no companies under it',
    'zh-CN': '文件只有表头，下面没有企业',
  },
  'file.mapFirst': { en: 'map a column to {{fields}} first', 'zh-CN': '请先为 {{fields}} 指定对应的列' },
  'filter.unknownValue': {
    en: 'unknown {{name}} "{{value}}": use any of {{allowed}}',
    'zh-CN': '筛选条件 {{name}} 的取值“{{value}}”无效，可用：{{allowed}}',
  },
  'filter.capitalRange': {
    en: 'capitalMin {{min}} is above capitalMax {{max}}',
    'zh-CN': '注册资本下限 {{min}} 高于上限 {{max}}',
  },
  'filter.dateRange': {
    en: 'establishedFrom {{from}} is after establishedTo {{to}}',
    'zh-CN': '成立日期起点 {{from}} 晚于终点 {{to}}',
  },
  'filter.unknownIndustry': {
    en: 'unknown industry "{{value}}": use a GB/T 4754 code from GET /api/v1/reference/industries',
    'zh-CN': '没有行业“{{value}}”：请使用 GB/T 4754 行业代码（见 GET /api/v1/reference/industries）',
  },
  'filter.unknownTown': {
    en: 'unknown town "{{value}}": use a town code from GET /api/v1/towns',
    'zh-CN': '本区没有街镇“{{value}}”：请使用街镇代码（见 GET /api/v1/towns）',
  },
  'file.notAField': {
    en: '"{{field}}" (for column "{{header}}") is not a company field',
    'zh-CN': '“{{field}}”（用于“{{header}}”列）不是企业字段',
  },
} as const satisfies Record<string, Texts>;

export type MessageCode = keyof typeof catalogue;
export const messageCodes = Object.keys(catalogue) as MessageCode[];

export type MessageParams = Readonly<Record<string, string | number>>;

export interface Message {
  code: MessageCode;
  params?: MessageParams;
  /** The company field the message is about, when it is about one. */
  field?: CompanyField;
}

/**
 * Field names in both languages. `en` is as the English reasons have always written it after the Chinese name
 * (统一社会信用代码 credit code: …), which `reason` keeps for the API and for rows stored before codes existed.
 */
export const fieldLabels: Readonly<Record<CompanyField, Texts>> = {
  creditCode: { 'zh-CN': '统一社会信用代码', en: 'credit code' },
  nameZh: { 'zh-CN': '企业名称', en: 'name' },
  nameEn: { 'zh-CN': '英文名称', en: 'English name' },
  formerNames: { 'zh-CN': '曾用名', en: 'former names' },
  legalRepresentative: { 'zh-CN': '法定代表人', en: 'legal representative' },
  industryCode: { 'zh-CN': '行业代码', en: 'industry' },
  registeredCapital: { 'zh-CN': '注册资本', en: 'registered capital' },
  capitalCurrency: { 'zh-CN': '币种', en: 'currency' },
  establishedOn: { 'zh-CN': '成立日期', en: 'establishment date' },
  town: { 'zh-CN': '街镇', en: 'town' },
  park: { 'zh-CN': '园区', en: 'park' },
  address: { 'zh-CN': '地址', en: 'address' },
  status: { 'zh-CN': '登记状态', en: 'status' },
  enterpriseType: { 'zh-CN': '企业类型', en: 'enterprise type' },
  sourceCountry: { 'zh-CN': '国别', en: 'source country' },
  hqType: { 'zh-CN': '总部类型', en: 'HQ type' },
  employees: { 'zh-CN': '从业人数', en: 'employees' },
  annualOutput: { 'zh-CN': '年产值', en: 'annual output' },
  annualTax: { 'zh-CN': '年税收', en: 'annual tax' },
  tags: { 'zh-CN': '标签', en: 'tags' },
};

export function isMessageCode(code: unknown): code is MessageCode {
  return typeof code === 'string' && Object.hasOwn(catalogue, code);
}

const placeholder = /\{\{(\w+)\}\}/g;

/** The message's own text in `language`, without its field. */
export function messageText(message: Message, language: MessageLanguage): string {
  const template: string = catalogue[message.code][language];
  const params = message.params;
  if (!params) return template;
  return template.replace(placeholder, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The message as its reader sees it: 统一社会信用代码：校验码（第 18 位）应为“G”，实为“A” / Credit code: check character … */
export function renderMessage(message: Message, language: MessageLanguage): string {
  const text = messageText(message, language);
  if (!message.field) return text;
  const label = fieldLabels[message.field][language];
  return language === 'en'
    ? `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${text}`
    : `${label}：${text}`;
}

/**
 * The English reason as the API, the stored import rejects and the CLI's --json have always given it: the field's
 * Chinese and English names, then the English text (统一社会信用代码 credit code: check character should be …).
 */
export function reasonOf(message: Message): string {
  const text = messageText(message, 'en');
  if (!message.field) return text;
  const label = fieldLabels[message.field];
  return `${label['zh-CN']} ${label.en}: ${text}`;
}

/** The failure of a validator: the message, and its English reason made only when read. */
export class Refusal {
  readonly ok = false;
  constructor(readonly message: Message) {}
  get reason(): string {
    return reasonOf(this.message);
  }
}

export const refuse = (code: MessageCode, params?: MessageParams): Refusal =>
  new Refusal(params ? { code, params } : { code });

/** A language for a locale tag or environment value such as zh_CN.UTF-8: Chinese for zh…, else English. */
export function messageLanguageOf(locale: string | null | undefined): MessageLanguage {
  return locale?.trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** A message as it travels in JSON (API replies, stored rejects): the field only when there is one. */
export function messageJson(message: Message): { code: MessageCode; params: MessageParams; field?: string } {
  return message.field
    ? { field: message.field, code: message.code, params: message.params ?? {} }
    : { code: message.code, params: message.params ?? {} };
}
