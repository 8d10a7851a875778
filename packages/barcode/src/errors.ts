// Every reason a scan can be refused, with a sentence for the operator in English and Russian.
// Codes are stable; the protocol package may re-export them for docs/errors.md.

export const BARCODE_ERRORS = {
  BARCODE_EMPTY: {
    message: 'The scan is empty.',
    ru: 'Пустой результат сканирования.',
  },
  BARCODE_CHECK_DIGIT: {
    message: 'The barcode check digit is wrong: the code was misread or misprinted.',
    ru: 'Неверная контрольная цифра штрихкода: код считан или напечатан с ошибкой.',
  },
  BARCODE_AMBIGUOUS: {
    message: 'The code can be read in more than one way (separators were lost). Scan it again or type it.',
    ru: 'Код читается неоднозначно (потеряны разделители). Отсканируйте ещё раз или введите вручную.',
  },
  BARCODE_GS1_UNKNOWN_AI: {
    message: 'The GS1 code contains an unknown Application Identifier.',
    ru: 'В коде GS1 неизвестный идентификатор применения (AI).',
  },
  BARCODE_GS1_FORMAT: {
    message: 'A GS1 field has the wrong length or characters.',
    ru: 'Поле кода GS1 имеет неверную длину или недопустимые символы.',
  },
  BARCODE_GS1_SEPARATOR: {
    message: 'A GS separator is missing in the GS1 code; check the scanner sends GS (FNC1).',
    ru: 'В коде GS1 нет разделителя GS; проверьте, что сканер передаёт GS (FNC1).',
  },
  BARCODE_GS1_VALUE: {
    message: 'A GS1 field holds an impossible value (for example a date that does not exist).',
    ru: 'Поле кода GS1 содержит недопустимое значение (например, несуществующую дату).',
  },
  BARCODE_RULES_INVALID: {
    message: 'The barcode rules (weight prefixes or packing templates) are misconfigured.',
    ru: 'Правила штрихкодов (весовые префиксы или шаблоны упаковок) настроены неверно.',
  },
} as const satisfies Record<string, { message: string; ru: string }>;

export type BarcodeErrorCode = keyof typeof BARCODE_ERRORS;
export const BARCODE_ERROR_CODES = Object.keys(BARCODE_ERRORS) as readonly BarcodeErrorCode[];

export interface BarcodeError {
  readonly code: BarcodeErrorCode;
  /** Names the exact problem, e.g. which AI and which character; shown under the generic sentence. */
  readonly message: string;
}
