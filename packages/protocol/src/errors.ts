// The one error table: every error Shelfsync reports, with a stable code, an operator-facing sentence
// (English and Russian), an HTTP status and whether retrying later can help. docs/errors.md is
// generated from it; ShelfsyncError (shelfsync-error.ts) carries a code from it.
export interface ErrorSpec {
  /** HTTP status used when the error answers a request. */
  readonly status: number;
  /** True when the same request may succeed later without changes (network, overload). */
  readonly retryable: boolean;
  readonly message: string;
  readonly ru: string;
}

export const ERRORS = {
  // Authentication and enrollment
  AUTH_MISSING: {
    status: 401,
    retryable: false,
    message: 'The request carries no credentials. Send "Authorization: Bearer <key or token>".',
    ru: 'Запрос без учётных данных. Передайте заголовок «Authorization: Bearer <ключ или токен>».',
  },
  AUTH_INVALID_KEY: {
    status: 401,
    retryable: false,
    message: 'The API key is wrong or was revoked. Check the key configured in the accounting system.',
    ru: 'Ключ API неверен или отозван. Проверьте ключ, настроенный в учётной системе.',
  },
  AUTH_INVALID_TOKEN: {
    status: 401,
    retryable: false,
    message: 'This terminal is not recognised by the server. Enroll it again with a new code.',
    ru: 'Сервер не узнаёт этот терминал. Подключите его заново с новым кодом.',
  },
  ENROLL_CODE_INVALID: {
    status: 400,
    retryable: false,
    message: 'The enrollment code is not known. Check the code or ask the administrator for a new one.',
    ru: 'Код подключения не найден. Проверьте код или попросите у администратора новый.',
  },
  ENROLL_CODE_EXPIRED: {
    status: 400,
    retryable: false,
    message: 'The enrollment code has expired. Ask the administrator for a new one.',
    ru: 'Срок действия кода подключения истёк. Попросите у администратора новый.',
  },
  ENROLL_CODE_USED: {
    status: 400,
    retryable: false,
    message: 'The enrollment code was already used by another terminal. Each code works once.',
    ru: 'Код подключения уже использован другим терминалом. Каждый код действует один раз.',
  },
  ENROLL_LOCKED: {
    status: 429,
    retryable: true,
    message:
      'Too many wrong enrollment codes were tried on this server, so enrollment is paused for a while. Codes stay valid; try again after the wait.',
    ru: 'На сервере введено слишком много неверных кодов подключения, поэтому подключение временно приостановлено. Коды остаются действительными; повторите после паузы.',
  },

  // Requests
  REQ_MALFORMED: {
    status: 400,
    retryable: false,
    message: 'The request body is not valid JSON or NDJSON.',
    ru: 'Тело запроса не является корректным JSON или NDJSON.',
  },
  REQ_VALIDATION: {
    status: 400,
    retryable: false,
    message: 'The request has missing or wrong fields; the details name each one.',
    ru: 'В запросе отсутствуют или неверны поля; подробности указывают каждое.',
  },
  REQ_TOO_LARGE: {
    status: 413,
    retryable: false,
    message: 'The request is larger than the server accepts. Split it into smaller parts.',
    ru: 'Запрос больше допустимого размера. Разделите его на части.',
  },
  REQ_UNSUPPORTED_MEDIA: {
    status: 415,
    retryable: false,
    message: 'The content type is not supported. Send application/json or application/x-ndjson.',
    ru: 'Тип содержимого не поддерживается. Передайте application/json или application/x-ndjson.',
  },
  REQ_NOT_FOUND: {
    status: 404,
    retryable: false,
    message: 'There is no such address on this server.',
    ru: 'На сервере нет такого адреса.',
  },
  REQ_RATE_LIMITED: {
    status: 429,
    retryable: true,
    message: 'Too many requests. The terminal will retry shortly.',
    ru: 'Слишком много запросов. Терминал повторит попытку чуть позже.',
  },

  // Catalogs
  CATALOG_UNKNOWN_TABLE: {
    status: 404,
    retryable: false,
    message: 'There is no such catalog. Known catalogs: products, cells, warehouses, users.',
    ru: 'Такого справочника нет. Известные справочники: products, cells, warehouses, users.',
  },
  CATALOG_ROW_NOT_FOUND: {
    status: 404,
    retryable: false,
    message: 'The catalog has no row with this id.',
    ru: 'В справочнике нет записи с таким идентификатором.',
  },

  // Importing files from accounting systems (CSV, CommerceML)
  IMPORT_MALFORMED: {
    status: 400,
    retryable: false,
    message: 'The file is damaged or cut short and cannot be read; the details give the line where it fails.',
    ru: 'Файл повреждён или обрезан и не читается; в подробностях указана строка, где он нарушен.',
  },
  IMPORT_ENCODING: {
    status: 415,
    retryable: false,
    message: 'The file uses a character encoding Shelfsync cannot read. Save it as UTF-8 or windows-1251.',
    ru: 'Файл в кодировке, которую Shelfsync не читает. Сохраните его в UTF-8 или windows-1251.',
  },
  IMPORT_NOT_COMMERCEML: {
    status: 415,
    retryable: false,
    message: 'The XML file is not a CommerceML exchange file (its root is not КоммерческаяИнформация).',
    ru: 'XML-файл не является файлом обмена CommerceML (корневой элемент не КоммерческаяИнформация).',
  },
  IMPORT_TOO_LARGE: {
    status: 413,
    retryable: false,
    message: 'One element of the file (a product or a document) is too large to import; split it.',
    ru: 'Один элемент файла (товар или документ) слишком велик для загрузки; разделите его.',
  },
  IMPORT_MISSING_COLUMN: {
    status: 422,
    retryable: false,
    message: 'The CSV header lacks a required column; the details name it. Products need id and name.',
    ru: 'В заголовке CSV нет обязательной колонки; она указана в подробностях. Для товаров нужны id и name.',
  },
  IMPORT_UNKNOWN_FILE: {
    status: 415,
    retryable: false,
    message:
      'The exchange folder cannot tell what this file holds from its name; name it products.ndjson, documents.json, import.xml and so on.',
    ru: 'По имени файла в папке обмена не понять, что в нём; назовите его products.ndjson, documents.json, import.xml и т. п.',
  },
  IMPORT_BAD_VALUE: {
    status: 422,
    retryable: false,
    message: 'A value in the file is not valid (a number, id or name); the details give its line and column.',
    ru: 'Значение в файле неверно (число, код или наименование); в подробностях указаны строка и колонка.',
  },
  IMPORT_FILES_FAILED: {
    status: 422,
    retryable: false,
    message: 'Some of the files were not imported; the reason for each is printed beside its name.',
    ru: 'Часть файлов не загружена; причина для каждого указана рядом с его именем.',
  },
  IMPORT_NOTHING_IMPORTED: {
    status: 422,
    retryable: false,
    message:
      'The file is not empty but nothing in it was imported: every row was skipped (the warnings say why) or it holds no rows.',
    ru: 'Файл не пуст, но из него ничего не загружено: все строки пропущены (причины — в предупреждениях) или строк в нём нет.',
  },
  IMPORT_NOT_A_FILE: {
    status: 422,
    retryable: false,
    message:
      'The entry in the exchange folder is not a plain file of its own (a link, folder, named pipe, socket, device or second name of another file); it was moved to error/ without being opened. Put the file itself into in/.',
    ru: 'Элемент папки обмена — не обычный отдельный файл (ссылка, папка, канал, сокет, устройство или второе имя другого файла); он перемещён в error/, не открываясь. Положите в in/ сам файл.',
  },
  IMPORT_FILE_CHANGED: {
    status: 409,
    retryable: false,
    message:
      'The file changed while it was being imported (its writer was still writing); nothing of it was stored. Write it under a temporary name and rename it, or add a .ready marker when it is complete.',
    ru: 'Файл изменился во время загрузки (его ещё записывали); из него ничего не сохранено. Записывайте файл под временным именем и переименовывайте, или создавайте маркер .ready, когда он готов.',
  },
  IMPORT_STRAY_MARKER: {
    status: 422,
    retryable: false,
    message:
      'A .ready marker names a file that is not in the exchange folder; the marker was moved to error/.',
    ru: 'Маркер .ready называет файл, которого нет в папке обмена; маркер перемещён в error/.',
  },

  // The 1C site exchange (/1c/exchange): the reason line 1C shows after "failure"
  ONEC_DISABLED: {
    status: 403,
    retryable: false,
    message:
      'The 1C site exchange is not enabled on this server. Start it with --1c-user (see docs/integration.md).',
    ru: 'Обмен с сайтом для 1С на этом сервере не включён. Запустите сервер с --1c-user (см. docs/integration.md).',
  },
  ONEC_AUTH_FAILED: {
    status: 401,
    retryable: false,
    message:
      'Wrong user or password for the 1C exchange. Check them in the settings of the exchange node in 1C.',
    ru: 'Неверный пользователь или пароль обмена с 1С. Проверьте их в настройках узла обмена в 1С.',
  },
  ONEC_SESSION_UNKNOWN: {
    status: 401,
    retryable: false,
    message:
      'The exchange session is unknown or was replaced by a newer one (no cookie from checkauth, or a stale one). Run the exchange again.',
    ru: 'Сеанс обмена неизвестен или заменён более новым (нет cookie из checkauth или она устарела). Запустите обмен заново.',
  },
  ONEC_BAD_REQUEST: {
    status: 400,
    retryable: false,
    message: 'The exchange request has an unknown type or mode, or lacks the file name.',
    ru: 'В запросе обмена неизвестный type или mode либо не указано имя файла.',
  },
  ONEC_BAD_FILE_NAME: {
    status: 400,
    retryable: false,
    message:
      'The file name is not allowed: it must be a relative path inside the exchange, without "..", a drive or a link.',
    ru: 'Недопустимое имя файла: нужен относительный путь внутри обмена, без «..», диска и ссылок.',
  },
  ONEC_FILE_TOO_LARGE: {
    status: 413,
    retryable: false,
    message:
      'The file part is larger than the file_limit the server announced, or the exchange session holds more than the server accepts.',
    ru: 'Часть файла больше объявленного сервером file_limit или сеанс обмена содержит больше данных, чем принимает сервер.',
  },
  ONEC_FILE_NOT_FOUND: {
    status: 404,
    retryable: false,
    message:
      'The file to import was not received in this exchange session; 1C sends it with mode=file first.',
    ru: 'Файл для загрузки не был получен в этом сеансе обмена; 1С сначала передаёт его с mode=file.',
  },
  ONEC_BAD_ZIP: {
    status: 422,
    retryable: false,
    message:
      'The zip archive from 1C is damaged, cut short or holds an entry that is not allowed (a link, an absolute path, "..").',
    ru: 'Zip-архив от 1С повреждён, обрезан или содержит недопустимый элемент (ссылку, абсолютный путь, «..»).',
  },

  // Documents
  DOC_NOT_FOUND: {
    status: 404,
    retryable: false,
    message: 'There is no document with this id.',
    ru: 'Документ с таким идентификатором не найден.',
  },
  DOC_UNKNOWN_PRODUCT: {
    status: 422,
    retryable: false,
    message: 'A document line names a product that is not in the catalog. Upload the product first.',
    ru: 'Строка документа ссылается на товар, которого нет в справочнике. Сначала выгрузите товар.',
  },
  DOC_UNKNOWN_TYPE: {
    status: 422,
    retryable: false,
    message: 'The document type is not configured on this base.',
    ru: 'Такой тип документа не настроен в базе.',
  },
  DOC_LOCKED: {
    status: 409,
    retryable: false,
    message: 'The document is already being processed or finished and can no longer be replaced.',
    ru: 'Документ уже в работе или завершён, заменить его нельзя.',
  },
  DOC_CANCELLED: {
    status: 409,
    retryable: false,
    message: 'The document was cancelled by the accounting system.',
    ru: 'Документ отменён учётной системой.',
  },
  DOC_NOT_COMPLETED: {
    status: 409,
    retryable: false,
    message: 'Only a completed document can be acknowledged as exported.',
    ru: 'Подтвердить выгрузку можно только для завершённого документа.',
  },
  DOC_CLOSED: {
    status: 409,
    retryable: false,
    message: 'The document is finished; it can no longer be changed on the terminal.',
    ru: 'Документ завершён; изменить его на терминале нельзя.',
  },
  DOC_TAKEN: {
    status: 409,
    retryable: false,
    message: 'Another terminal is processing this document; it cannot be changed on this one.',
    ru: 'Этот документ обрабатывается на другом терминале; на этом изменить его нельзя.',
  },
  DOC_NOT_CREATABLE: {
    status: 422,
    retryable: false,
    message: 'Documents of this type cannot be created on a terminal; they come from the accounting system.',
    ru: 'Документы этого типа нельзя создать на терминале; они приходят из учётной системы.',
  },

  // Scanning (the filling engine's refusals, shown to the operator)
  SCAN_UNKNOWN_BARCODE: {
    status: 422,
    retryable: false,
    message: 'Unknown barcode: no product in the catalog has it.',
    ru: 'Неизвестный штрихкод: в справочнике нет товара с таким кодом.',
  },
  SCAN_OVER_PLAN: {
    status: 422,
    retryable: false,
    message: 'Over plan: this quantity exceeds what the document plans for this product.',
    ru: 'Сверх плана: количество превышает плановое для этого товара.',
  },
  SCAN_NOT_IN_PLAN: {
    status: 422,
    retryable: false,
    message: 'This product is not in the document plan.',
    ru: 'Этого товара нет в плане документа.',
  },
  SCAN_CELL_REQUIRED: {
    status: 422,
    retryable: false,
    message: 'Scan the cell first: this document type needs a cell for every line.',
    ru: 'Сначала отсканируйте ячейку: для этого типа документа она обязательна.',
  },
  SCAN_UNKNOWN_CELL: {
    status: 422,
    retryable: false,
    message: 'Unknown cell: no cell in the catalog has this barcode.',
    ru: 'Неизвестная ячейка: в справочнике нет ячейки с таким штрихкодом.',
  },
  SCAN_BAD_QUANTITY: {
    status: 422,
    retryable: false,
    message: 'The quantity is not valid: enter a non-zero number.',
    ru: 'Неверное количество: введите ненулевое число.',
  },
  SCAN_BELOW_ZERO: {
    status: 422,
    retryable: false,
    message: 'The correction would make the counted quantity negative.',
    ru: 'Корректировка сделает количество отрицательным.',
  },
  SCAN_MARK_REQUIRED: {
    status: 422,
    retryable: false,
    message: 'This product is marked: scan the marking code (DataMatrix) of each unit.',
    ru: 'Товар маркирован: отсканируйте код маркировки (DataMatrix) каждой единицы.',
  },
  SCAN_DUPLICATE_MARK: {
    status: 422,
    retryable: false,
    message: 'This marking code was already scanned in this document.',
    ru: 'Этот код маркировки уже отсканирован в этом документе.',
  },

  // Scan parsing: the reasons packages/barcode's parseScan gives for a scan it cannot read. The
  // terminal shows them to the operator; no HTTP route answers with them (422 if one ever does).
  BARCODE_EMPTY: {
    status: 422,
    retryable: false,
    message: 'The scan is empty.',
    ru: 'Пустой результат сканирования.',
  },
  BARCODE_CHECK_DIGIT: {
    status: 422,
    retryable: false,
    message: 'The barcode check digit is wrong: the code was misread or misprinted.',
    ru: 'Неверная контрольная цифра штрихкода: код считан или напечатан с ошибкой.',
  },
  BARCODE_AMBIGUOUS: {
    status: 422,
    retryable: false,
    message: 'The code can be read in more than one way (separators were lost). Scan it again or type it.',
    ru: 'Код читается неоднозначно (потеряны разделители). Отсканируйте ещё раз или введите вручную.',
  },
  BARCODE_GS1_UNKNOWN_AI: {
    status: 422,
    retryable: false,
    message: 'The GS1 code contains an unknown Application Identifier.',
    ru: 'В коде GS1 неизвестный идентификатор применения (AI).',
  },
  BARCODE_GS1_FORMAT: {
    status: 422,
    retryable: false,
    message: 'A GS1 field has the wrong length or characters.',
    ru: 'Поле кода GS1 имеет неверную длину или недопустимые символы.',
  },
  BARCODE_GS1_SEPARATOR: {
    status: 422,
    retryable: false,
    message: 'A GS separator is missing in the GS1 code; check the scanner sends GS (FNC1).',
    ru: 'В коде GS1 нет разделителя GS; проверьте, что сканер передаёт GS (FNC1).',
  },
  BARCODE_GS1_VALUE: {
    status: 422,
    retryable: false,
    message: 'A GS1 field holds an impossible value (for example a date that does not exist).',
    ru: 'Поле кода GS1 содержит недопустимое значение (например, несуществующую дату).',
  },
  BARCODE_RULES_INVALID: {
    status: 422,
    retryable: false,
    message: 'The barcode rules (weight prefixes or packing templates) are misconfigured.',
    ru: 'Правила штрихкодов (весовые префиксы или шаблоны упаковок) настроены неверно.',
  },

  // Synchronisation
  SYNC_PROTOCOL_UNSUPPORTED: {
    status: 426,
    retryable: false,
    message: 'The terminal app is too old or too new for this server. Update the app or the server.',
    ru: 'Версия приложения терминала не поддерживается сервером. Обновите приложение или сервер.',
  },
  SYNC_MUTATION_GAP: {
    status: 409,
    retryable: false,
    message:
      'The terminal skipped changes the server has not received; it will resend from the expected one.',
    ru: 'Терминал пропустил изменения, которых нет на сервере; он повторит отправку с нужного.',
  },
  SYNC_MUTATION_INVALID: {
    status: 422,
    retryable: false,
    message: 'The server refused this change from the terminal; the reason is recorded.',
    ru: 'Сервер отклонил это изменение с терминала; причина записана.',
  },
  SYNC_CURSOR_INVALID: {
    status: 400,
    retryable: false,
    message: 'The terminal sent a position in the change log that this server never gave out.',
    ru: 'Терминал передал позицию журнала изменений, которую сервер не выдавал.',
  },
  SYNC_MUST_REFETCH: {
    status: 410,
    retryable: false,
    message: 'The terminal was offline too long; it must download the catalog again.',
    ru: 'Терминал был вне связи слишком долго; справочники нужно загрузить заново.',
  },
  SYNC_OFFLINE: {
    status: 503,
    retryable: true,
    message: 'The server cannot be reached. Work goes on offline and is sent at the next exchange.',
    ru: 'Сервер недоступен. Работа продолжается без связи и будет отправлена при следующем обмене.',
  },
  TLS_UNTRUSTED: {
    status: 400,
    retryable: false,
    message:
      "The server's HTTPS certificate is not trusted here. Install the server's CA (https://SERVER/ca.crt, or http:// on the same port; compare its fingerprint with the one the server printed) or check the address.",
    ru: 'HTTPS-сертификат сервера здесь не считается доверенным. Установите сертификат центра сертификации сервера (https://СЕРВЕР/ca.crt или http:// на том же порту; сверьте отпечаток с напечатанным сервером) или проверьте адрес.',
  },
  SYNC_BASE_MISMATCH: {
    status: 409,
    retryable: false,
    message:
      'This server holds a different base than the terminal was enrolled with. Check the address or enroll again.',
    ru: 'Сервер обслуживает другую базу, чем та, к которой подключён терминал. Проверьте адрес или подключите терминал заново.',
  },
  SYNC_NOT_OFFERED: {
    status: 404,
    retryable: false,
    message:
      'The server is older than this terminal app and does not offer this yet; the rest works. Update the server.',
    ru: 'Сервер старше приложения терминала и пока этого не умеет; остальное работает. Обновите сервер.',
  },
  SYNC_BAD_RESPONSE: {
    status: 502,
    retryable: true,
    message: 'The server sent an answer the terminal cannot read. The exchange will be retried.',
    ru: 'Сервер прислал ответ, который терминал не может прочитать. Обмен будет повторён.',
  },

  // Bundles (exchange files for desk mode and the RDP relay)
  BUNDLE_MALFORMED: {
    status: 400,
    retryable: false,
    message: 'This file is not a Shelfsync exchange bundle, or it was cut short. Copy it again.',
    ru: 'Файл не является пакетом обмена Shelfsync или обрезан. Скопируйте его заново.',
  },
  BUNDLE_CORRUPT: {
    status: 400,
    retryable: false,
    message: 'The bundle was changed after it was written (a checksum differs). Nothing was imported.',
    ru: 'Пакет изменён после записи (не совпадает контрольная сумма). Ничего не загружено.',
  },
  BUNDLE_SIGNATURE_INVALID: {
    status: 403,
    retryable: false,
    message: 'The bundle is not signed by the base this terminal belongs to. Nothing was imported.',
    ru: 'Пакет подписан не той базой, к которой подключён терминал. Ничего не загружено.',
  },
  BUNDLE_FOREIGN: {
    status: 403,
    retryable: false,
    message: 'The bundle belongs to another base or another terminal. Nothing was imported.',
    ru: 'Пакет относится к другой базе или другому терминалу. Ничего не загружено.',
  },
  BUNDLE_DUPLICATE: {
    status: 409,
    retryable: false,
    message: 'This bundle was already imported; importing it again changes nothing.',
    ru: 'Этот пакет уже загружен; повторная загрузка ничего не меняет.',
  },
  BUNDLE_OUT_OF_ORDER: {
    status: 409,
    retryable: false,
    message: 'This bundle answers an older exchange. Export a new bundle from the terminal.',
    ru: 'Пакет отвечает на более ранний обмен. Выгрузите с терминала новый пакет.',
  },
  BUNDLE_UNSUPPORTED: {
    status: 400,
    retryable: false,
    message: 'The bundle was written by a newer Shelfsync. Update this side.',
    ru: 'Пакет создан более новой версией Shelfsync. Обновите программу.',
  },

  // Terminal (virtual terminal and PWA)
  TERMINAL_NOT_ENROLLED: {
    status: 400,
    retryable: false,
    message: 'This terminal is not enrolled yet. Enroll it with a code from the server.',
    ru: 'Терминал ещё не подключён. Подключите его с кодом с сервера.',
  },
  TERMINAL_UNSENT_CHANGES: {
    status: 409,
    retryable: false,
    message: 'The terminal still holds work the server has not received. Sync it before enrolling again.',
    ru: 'На терминале есть работа, не отправленная на сервер. Выполните обмен перед повторным подключением.',
  },
  TERMINAL_STORAGE: {
    status: 500,
    retryable: true,
    message: 'The terminal could not write to its storage. Free some space and try again.',
    ru: 'Терминал не смог записать данные. Освободите место и повторите.',
  },
  TERMINAL_STORAGE_NEWER: {
    status: 409,
    retryable: false,
    message: "The terminal's data was written by a newer Shelfsync. Update this terminal's app.",
    ru: 'Данные терминала записаны более новой версией Shelfsync. Обновите приложение терминала.',
  },
  TERMINAL_OPEN_ELSEWHERE: {
    status: 409,
    retryable: true,
    message:
      'Shelfsync is open in another tab or window with an older version. Close it, then reload this page.',
    ru: 'Shelfsync открыт в другой вкладке или окне в старой версии. Закройте его и обновите эту страницу.',
  },
  TERMINAL_DOCUMENT_OPEN: {
    status: 409,
    retryable: true,
    message: 'A document is open on the terminal. Finish or leave it, then apply the new configuration.',
    ru: 'На терминале открыт документ. Завершите его или выйдите, затем примените новую конфигурацию.',
  },
  TERMINAL_NO_SERVER: {
    status: 400,
    retryable: false,
    message:
      'This terminal has no server address: it exchanges by bundle files. Add a server or cable address in Settings to exchange over the network.',
    ru: 'У терминала нет адреса сервера: он обменивается файлами-пакетами. Чтобы обмениваться по сети, добавьте адрес сервера или кабеля в настройках.',
  },
  TERMINAL_ALREADY_ENROLLED: {
    status: 409,
    retryable: false,
    message:
      'This terminal is enrolled already; enrolling again makes it a new device. Confirm to enroll again.',
    ru: 'Терминал уже подключён; повторное подключение сделает его новым устройством. Подтвердите повторное подключение.',
  },
  TERMINAL_STATE_MISSING: {
    status: 404,
    retryable: false,
    message: 'No virtual terminal in that --state folder. Check the path, or enroll a terminal there first.',
    ru: 'В папке --state нет виртуального терминала. Проверьте путь или сначала подключите терминал в этой папке.',
  },
  TERMINAL_SIGN_IN_FAILED: {
    status: 401,
    retryable: false,
    message: 'No operator on this terminal has that PIN or badge. Check it, or sync to get new operators.',
    ru: 'Ни у одного оператора на этом терминале нет такого ПИН-кода или бейджа. Проверьте его или выполните обмен, чтобы получить новых операторов.',
  },
  TERMINAL_SIGN_IN_LOCKED: {
    status: 429,
    retryable: true,
    message: 'Too many wrong PINs or badges on this terminal: sign-in waits a while before the next try.',
    ru: 'Слишком много неверных ПИН-кодов или бейджей на этом терминале: следующая попытка входа возможна после паузы.',
  },
  TERMINAL_NO_OPERATORS: {
    status: 409,
    retryable: false,
    message: 'This terminal holds no operators yet: sync with the base first to receive the users catalog.',
    ru: 'На терминале ещё нет операторов: сначала выполните обмен с базой, чтобы получить справочник пользователей.',
  },
  CLI_USAGE: {
    status: 400,
    retryable: false,
    message: 'The command line is not valid; see --help.',
    ru: 'Неверная командная строка; см. --help.',
  },

  // Configuration
  CONFIG_INVALID: {
    status: 400,
    retryable: false,
    message:
      'The configuration file is not valid; the details give the line, column and field of each problem.',
    ru: 'Файл конфигурации неверен; подробности указывают строку, столбец и поле каждой ошибки.',
  },

  // App versions and device groups
  APP_VERSION_NOT_FOUND: {
    status: 404,
    retryable: false,
    message: 'This app version is not stored on the server. Upload it first.',
    ru: 'Такой версии приложения нет на сервере. Сначала загрузите её.',
  },
  APP_VERSION_PROTOCOL_TOO_NEW: {
    status: 409,
    retryable: false,
    message: 'This app version needs a newer protocol than this server speaks. Update the server first.',
    ru: 'Этой версии приложения нужен более новый протокол, чем у сервера. Сначала обновите сервер.',
  },
  APP_VERSION_NO_ROLLBACK: {
    status: 409,
    retryable: false,
    message: 'This device group has no earlier app version to roll back to.',
    ru: 'У этой группы устройств нет предыдущей версии приложения для отката.',
  },
  DEVICE_NOT_FOUND: {
    status: 404,
    retryable: false,
    message: 'No terminal with this id is enrolled.',
    ru: 'Терминал с таким идентификатором не подключён.',
  },

  // Starting a server, desk agent or relay (printed by the shelfsync command, never an HTTP answer)
  TLS_CERT_INVALID: {
    status: 400,
    retryable: false,
    message: 'The file given with --tls-cert is not a PEM certificate.',
    ru: 'Файл, указанный в --tls-cert, не является сертификатом в формате PEM.',
  },
  TLS_KEY_INVALID: {
    status: 400,
    retryable: false,
    message:
      'The file given with --tls-key is not a PEM private key; an encrypted key must be decrypted first.',
    ru: 'Файл, указанный в --tls-key, не является закрытым ключом PEM; зашифрованный ключ сначала расшифруйте.',
  },
  TLS_KEY_MISMATCH: {
    status: 400,
    retryable: false,
    message: 'The private key given with --tls-key does not belong to the certificate given with --tls-cert.',
    ru: 'Закрытый ключ из --tls-key не подходит к сертификату из --tls-cert.',
  },
  ADB_MISSING: {
    status: 400,
    retryable: false,
    message:
      'adb (Android platform-tools) was not found, so cabled terminals cannot be reached. Install it or pass --adb <path>.',
    ru: 'Не найден adb (Android platform-tools), поэтому терминалы на кабеле недоступны. Установите его или укажите --adb <путь>.',
  },

  // Server
  INTERNAL: {
    status: 500,
    retryable: true,
    message: 'The server hit an unexpected error. Nothing was half-written; try again.',
    ru: 'Непредвиденная ошибка сервера. Ничего не записано частично; повторите попытку.',
  },
  UNAVAILABLE: {
    status: 503,
    retryable: true,
    message: 'The server is busy or shutting down. Try again shortly.',
    ru: 'Сервер занят или останавливается. Повторите чуть позже.',
  },
  STORE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    message:
      'The server cannot reach its database right now (restart, failover or a lost connection). Try again shortly; a change sent again is applied once.',
    ru: 'Сервер сейчас не может связаться со своей базой данных (перезапуск, переключение или потеря соединения). Повторите чуть позже; повторно отправленное изменение применяется один раз.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}
