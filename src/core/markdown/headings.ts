import { namedEntity } from './entities';

/**
 * Top-level heading scanner for CommonMark, matching what remark-parse (micromark) reports.
 *
 * It is a block parser that tracks only what decides whether a line is a top-level heading:
 * containers (block quotes, list items, laziness), the open leaf block (paragraph, fenced or
 * indented code, HTML), and link reference definitions. Heading text is then extracted with a
 * small inline pass that mirrors micromark's text tokenizer, flattened like mdast-util-to-string.
 * Where micromark deviates from the CommonMark reference implementation, this follows micromark,
 * because remark is what the rest of the toolchain (and our users' previews) use.
 *
 * The same scan, asked with scanCodeBlocks, also reports where code blocks are: it already knows
 * exactly, and a second, simpler finder would disagree with it (and with the preview).
 */

/** A heading that is a direct child of the document (not inside a list or block quote). */
export interface Heading {
  /** 1 to 6. */
  depth: number;
  /** Plain text of the heading's content: inline markup removed, escapes and entities resolved. */
  text: string;
  /** Offsets of the heading block in the scanned text, as remark's position.start/end.offset. */
  start: number;
  end: number;
}

/**
 * Finds the top-level ATX and setext headings of a markdown text with a block-level scan
 * (fences, indented code, HTML blocks, containers), without a full parse. `from` is the offset at
 * which the markdown body starts (after front matter); it must be at a line start.
 */
export function scanHeadings(text: string, from = 0): Heading[] {
  const scanner = new BlockScanner(text, scanStart(text, from), null);
  scanner.scan();
  return scanner.headings();
}

/** A fenced or indented code block, at any depth of block quotes and list items. */
export interface CodeBlock {
  /** Offset of the opening fence, or of the first line's indentation (after its container prefixes). */
  start: number;
  /**
   * End of the block's last line, before its line ending: the closing fence, the last non-blank
   * line of indented code, or, for a fence left open, the last line its containers hold. Lines in
   * between still hold their container prefixes (`>`, indentation), never words.
   */
  end: number;
}

/**
 * Finds the code blocks of a markdown text with the block scan scanHeadings uses, so both agree on
 * every construct (CommonMark as micromark reads it). A separate call, so that scanHeadings, which
 * runs on every document, never pays for collecting them. `from` as for scanHeadings.
 */
export function scanCodeBlocks(text: string, from = 0): CodeBlock[] {
  const code: number[] = [];
  new BlockScanner(text, scanStart(text, from), code).scan();
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < code.length; i += 2) blocks.push({ start: code[i]!, end: code[i + 1]! });
  return blocks;
}

/** Where a scan starts: `from` clamped to the text, after a byte order mark. */
function scanStart(text: string, from: number): number {
  const start = Number.isFinite(from) ? Math.max(0, Math.min(Math.floor(from), text.length)) : 0;
  // micromark drops a byte order mark at the start of its input; positions stay source offsets.
  return text.charCodeAt(start) === BOM ? start + 1 : start;
}

// Character codes.
const NUL = 0;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const QUOTE = 34;
const HASH = 35;
const AMP = 38;
const APOS = 39;
const LPAREN = 40;
const RPAREN = 41;
const STAR = 42;
const PLUS = 43;
const DASH = 45;
const DOT = 46;
const SLASH = 47;
const DIGIT0 = 48;
const DIGIT1 = 49;
const DIGIT9 = 57;
const COLON = 58;
const SEMI = 59;
const LT = 60;
const EQ = 61;
const GT = 62;
const QUESTION = 63;
const AT = 64;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const UNDERSCORE = 95;
const BACKTICK = 96;
const TILDE = 126;
const DEL = 127;
const BOM = 0xfeff;
const REPLACEMENT = 0xfffd;

// Open leaf block kinds.
const NONE = 0;
const PARA = 1;
const INDENTED = 2;
const FENCED = 3;
const HTML = 4;

// How a line relates to an open paragraph.
const CONTINUES = 0;
const ENDS = 1;
const SETEXT = 2;
const LAZY_HTML = 3;

const isDigit = (c: number): boolean => c >= DIGIT0 && c <= DIGIT9;
const isAlpha = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
const isAlnum = (c: number): boolean => isDigit(c) || isAlpha(c);
const isSpaceOrTab = (c: number): boolean => c === SPACE || c === TAB;
const isEol = (c: number): boolean => c === LF || c === CR;
const isWhitespace = (c: number): boolean => c === SPACE || c === TAB || c === LF || c === CR;
const isAsciiPunctuation = (c: number): boolean =>
  (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
// micromark turns NUL into U+FFFD before tokenizing, so NUL is never a control character here.
const isControl = (c: number): boolean => (c < 32 && c !== NUL) || c === DEL;

const HTML_RAW_NAMES = new Set(['pre', 'script', 'style', 'textarea']);
const HTML_BLOCK_NAMES = new Set([
  'address', 'article', 'aside', 'base', 'basefont', 'blockquote', 'body', 'caption', 'center', 'col',
  'colgroup', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr',
  'html', 'iframe', 'legend', 'li', 'link', 'main', 'menu', 'menuitem', 'nav', 'noframes', 'ol',
  'optgroup', 'option', 'p', 'param', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'title', 'tr', 'track', 'ul',
]);

/** An open block quote or list (micromark keeps one state per list, holding its current item). */
interface Container {
  quote: boolean;
  ordered: boolean;
  marker: number;
  /** Columns a continuation line must be indented by to stay in the current item. */
  size: number;
  initialBlank: boolean;
  furtherBlank: boolean;
}

interface FoundHeading {
  depth: number;
  start: number;
  end: number;
  /** Source range of the inline content. */
  contentStart: number;
  contentEnd: number;
}

class BlockScanner {
  private readonly n: number;
  private readonly found: FoundHeading[] = [];
  private readonly refs = new Set<string>();
  private readonly stack: Container[] = [];
  private depth = 0;

  private leaf = NONE;
  private fenceMarker = 0;
  private fenceSize = 0;
  private htmlKind = 0;
  private paraStart = 0;
  /** Flow start and content end of each paragraph line. */
  private readonly paraLines: number[] = [];
  private paraDefinitionLines = -1;
  private definitionColon = -2;
  // The open code block (leaf FENCED or INDENTED): where it starts, and the end of its last line
  // so far (for indented code, its last non-blank line).
  private codeStart = 0;
  private codeEnd = 0;

  // The current line: its content end, the scan position in it, and that position's column.
  private lineEnd = 0;
  private pos = 0;
  private col = 0;
  // Results of measure(): the next non-space position and its column.
  private nnPos = 0;
  private nnCol = 0;
  // Results of matchContainerStart().
  private mQuote = false;
  private mOrdered = false;
  private mMarker = 0;
  private mSize = 0;
  private mInitialBlank = false;
  private mPos = 0;
  private mCol = 0;
  private htmlClosedOnLine = false;
  private nextLF = -1;
  private nextCR = -1;
  // Memos that keep deep nesting on one line linear: the last whitespace run measured, and the
  // last failed thematic break scan.
  private measuredLine = -1;
  private measuredFrom = 0;
  private measuredPos = 0;
  private measuredCol = 0;
  private breakLine = -1;
  private breakMarker = 0;
  private breakFrom = 0;
  private breakStop = 0;

  constructor(
    private readonly t: string,
    private readonly from: number,
    /** Receives each closed code block's start and end, or null when nobody asked. */
    private readonly code: number[] | null,
  ) {
    this.n = t.length;
  }

  scan(): void {
    const t = this.t;
    const n = this.n;
    let p = this.from;
    while (p < n) {
      const end = this.findLineEnd(p);
      this.lineEnd = end;
      this.line(p);
      p = end >= n ? n : t.charCodeAt(end) === CR && t.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
    }
    this.closeFlow();
  }

  /** The headings found by scan(), their text extracted now (definitions anywhere count). */
  headings(): Heading[] {
    return this.found.map((h) => ({
      depth: h.depth,
      text: inlineText(this.t, h.contentStart, h.contentEnd, this.refs),
      start: h.start,
      end: h.end,
    }));
  }

  /** Records the open code block as closed (when code blocks are asked for). */
  private closeCode(): void {
    if (this.code !== null) this.code.push(this.codeStart, this.codeEnd);
  }

  private findLineEnd(p: number): number {
    const t = this.t;
    if (this.nextLF < p) {
      const i = t.indexOf('\n', p);
      this.nextLF = i < 0 ? this.n : i;
    }
    if (this.nextCR < p) {
      const i = t.indexOf('\r', p);
      this.nextCR = i < 0 ? this.n : i;
    }
    return this.nextLF < this.nextCR ? this.nextLF : this.nextCR;
  }

  /** Finds the next non-space/tab position from `p` (at column `c`) on the current line. */
  private measure(p: number, c: number): void {
    const t = this.t;
    const end = this.lineEnd;
    // Columns are absolute (tab stops), so any start inside the last measured run ends alike.
    if (this.measuredLine === end && p >= this.measuredFrom && p <= this.measuredPos) {
      this.nnPos = this.measuredPos;
      this.nnCol = this.measuredCol;
      return;
    }
    const from = p;
    while (p < end) {
      const ch = t.charCodeAt(p);
      if (ch === SPACE) {
        p++;
        c++;
      } else if (ch === TAB) {
        p++;
        c += 4 - (c & 3);
      } else break;
    }
    this.nnPos = p;
    this.nnCol = c;
    this.measuredLine = end;
    this.measuredFrom = from;
    this.measuredPos = p;
    this.measuredCol = c;
  }

  /** Consumes `k` columns of whitespace, splitting a tab if needed (tab stops of 4). */
  private advanceColumns(k: number): void {
    const t = this.t;
    while (k > 0 && this.pos < this.lineEnd) {
      const ch = t.charCodeAt(this.pos);
      if (ch === SPACE) {
        this.pos++;
        this.col++;
        k--;
      } else if (ch === TAB) {
        const w = 4 - (this.col & 3);
        if (w <= k) {
          this.pos++;
          this.col += w;
          k -= w;
        } else {
          this.col += k;
          k = 0;
        }
      } else break;
    }
  }

  private line(start: number): void {
    const t = this.t;
    this.pos = start;
    this.col = 0;
    let continued = 0;
    let sibling = false;
    while (continued < this.depth) {
      const c = this.stack[continued]!;
      this.measure(this.pos, this.col);
      const indent = this.nnCol - this.col;
      if (c.quote) {
        if (indent > 3 || this.nnPos >= this.lineEnd || t.charCodeAt(this.nnPos) !== GT) break;
        this.afterQuoteMarker(this.nnPos + 1, this.nnCol + 1);
        this.pos = this.mPos;
        this.col = this.mCol;
        continued++;
        continue;
      }
      if (this.nnPos >= this.lineEnd) {
        c.furtherBlank = c.furtherBlank || c.initialBlank;
        this.advanceColumns(indent < c.size ? indent : c.size);
        continued++;
        continue;
      }
      const further = c.furtherBlank;
      c.furtherBlank = false;
      c.initialBlank = false;
      if (!further && indent >= c.size) {
        this.advanceColumns(c.size);
        continued++;
        continue;
      }
      // Not in the current item: maybe the next item of the same list.
      if (this.matchContainerStart(false, c)) {
        c.size = this.mSize;
        c.initialBlank = this.mInitialBlank;
        this.pos = this.mPos;
        this.col = this.mCol;
        continued++;
        sibling = true;
      }
      break;
    }

    let interrupt = false;
    if (sibling) {
      this.closeFlow();
      this.depth = continued;
    } else {
      if (continued === this.depth) {
        const leaf = this.leaf;
        // Fenced code and HTML are "concrete": no container can start inside them.
        if (leaf === FENCED || leaf === HTML) {
          this.flow(false, continued);
          return;
        }
        // micromark treats any open multi-line construct (also indented code) as interrupted.
        interrupt = leaf === PARA || leaf === INDENTED;
      }
      if (!this.matchContainerStart(interrupt, null)) {
        this.flow(continued !== this.depth, continued);
        return;
      }
      this.closeFlow();
      this.depth = continued;
    }
    while (this.matchContainerStart(interrupt, null)) {
      let c = this.stack[this.depth];
      if (c === undefined) {
        c = { quote: false, ordered: false, marker: 0, size: 0, initialBlank: false, furtherBlank: false };
        this.stack[this.depth] = c;
      }
      c.quote = this.mQuote;
      c.ordered = this.mOrdered;
      c.marker = this.mMarker;
      c.size = this.mSize;
      c.initialBlank = this.mInitialBlank;
      c.furtherBlank = false;
      this.depth++;
      this.pos = this.mPos;
      this.col = this.mCol;
    }
    this.flow(false, this.depth);
  }

  /** Sets mPos/mCol after a `>` (at `p`, column `c`) and its optional following space. */
  private afterQuoteMarker(p: number, c: number): void {
    const ch = p < this.lineEnd ? this.t.charCodeAt(p) : -1;
    if (ch === SPACE) {
      p++;
      c++;
    } else if (ch === TAB) {
      if (4 - (c & 3) === 1) p++;
      c++;
    }
    this.mPos = p;
    this.mCol = c;
  }

  /**
   * Whether a block quote or list item starts at the current position. With `existing`, only
   * another item of that list. Results go to the m* fields.
   */
  private matchContainerStart(interrupt: boolean, existing: Container | null): boolean {
    const t = this.t;
    const end = this.lineEnd;
    this.measure(this.pos, this.col);
    const p = this.nnPos;
    const pc = this.nnCol;
    const indent = pc - this.col;
    if (indent > 3 || p >= end) return false;
    const ch = t.charCodeAt(p);
    if (existing === null && ch === GT) {
      this.mQuote = true;
      this.afterQuoteMarker(p + 1, pc + 1);
      return true;
    }
    let markerEnd: number;
    let marker: number;
    let ordered: boolean;
    if (existing !== null ? !existing.ordered : ch === STAR || ch === PLUS || ch === DASH) {
      if (existing !== null && ch !== existing.marker) return false;
      if ((ch === STAR || ch === DASH) && this.isThematicBreak(p)) return false;
      markerEnd = p + 1;
      marker = ch;
      ordered = false;
    } else {
      if (!isDigit(ch) || (interrupt && ch !== DIGIT1)) return false;
      let q = p + 1;
      while (q < end && q - p < 9 && isDigit(t.charCodeAt(q))) q++;
      if (interrupt && q - p > 1) return false;
      const d = q < end ? t.charCodeAt(q) : -1;
      if (existing !== null ? d !== existing.marker : d !== DOT && d !== RPAREN) return false;
      markerEnd = q + 1;
      marker = d;
      ordered = true;
    }
    const markerCol = pc + (markerEnd - p);
    const prefix = indent + (markerEnd - p);
    this.measure(markerEnd, markerCol);
    if (this.nnPos >= end) {
      // An item may start with a blank line, but such an empty item cannot interrupt.
      if (interrupt) return false;
      this.mSize = prefix + 1;
      this.mInitialBlank = true;
      this.mPos = markerEnd;
      this.mCol = markerCol;
    } else {
      const w = this.nnCol - markerCol;
      if (w === 0) return false;
      if (w >= 5) {
        // Content starts one column after the marker; the rest is indentation (e.g. code).
        this.mPos = t.charCodeAt(markerEnd) === SPACE || 4 - (markerCol & 3) === 1 ? markerEnd + 1 : markerEnd;
        this.mCol = markerCol + 1;
        this.mSize = prefix + 1;
      } else {
        this.mPos = this.nnPos;
        this.mCol = this.nnCol;
        this.mSize = prefix + w;
      }
      this.mInitialBlank = false;
    }
    this.mQuote = false;
    this.mOrdered = ordered;
    this.mMarker = marker;
    return true;
  }

  /** Handles the rest of the line (after container prefixes) as flow content. */
  private flow(lazy: boolean, continued: number): void {
    const t = this.t;
    this.measure(this.pos, this.col);
    const p = this.nnPos;
    const indent = this.nnCol - this.col;
    const blank = p >= this.lineEnd;
    switch (this.leaf) {
      case FENCED:
        if (!lazy) {
          this.codeEnd = this.lineEnd;
          if (!blank && indent < 4 && this.isClosingFence(p)) {
            this.leaf = NONE;
            this.closeCode();
          }
          return;
        }
        // A line outside the fence's containers ends it; that line is not code.
        this.leaf = NONE;
        this.closeCode();
        break;
      case HTML:
        if (!lazy) {
          if (this.htmlKind >= 6) {
            if (blank) this.leaf = NONE;
          } else if (this.htmlContinue(this.htmlKind, HTML_CONTINUE, this.pos)) {
            this.leaf = NONE;
          }
          return;
        }
        this.leaf = NONE;
        break;
      case INDENTED:
        if (!lazy && (blank || indent >= 4)) {
          // Blank lines belong to the block only if more code follows them.
          if (!blank) this.codeEnd = this.lineEnd;
          return;
        }
        this.leaf = NONE;
        this.closeCode();
        break;
      case PARA: {
        if (blank) {
          this.closeParagraph();
          break;
        }
        if (indent >= 4) {
          this.paraLines.push(this.pos, this.lineEnd);
          return;
        }
        const relation = this.paragraphInterrupt(p, lazy);
        if (relation === CONTINUES) {
          this.paraLines.push(this.pos, this.lineEnd);
          return;
        }
        if (relation === SETEXT) {
          if (this.setextHeading(p)) return;
          break;
        }
        this.closeParagraph();
        if (relation === LAZY_HTML) {
          // micromark decides laziness before this HTML's extent is known, so the block
          // stays in the containers of the interrupted paragraph.
          this.leaf = HTML;
          this.htmlKind = 7;
          return;
        }
        break;
      }
    }
    // The line starts a new construct; a lazy line that does not continue a paragraph closes
    // the containers it did not match.
    if (lazy) this.depth = continued;
    if (blank) return;
    if (indent >= 4) {
      this.codeStart = this.pos;
      this.codeEnd = this.lineEnd;
      // micromark ends indented code at a line ending whose line was lazy: a block of one line.
      if (lazy) {
        this.leaf = NONE;
        this.closeCode();
      } else this.leaf = INDENTED;
      return;
    }
    switch (t.charCodeAt(p)) {
      case HASH:
        if (this.atxHeading(p)) return;
        break;
      case STAR:
      case UNDERSCORE:
      case DASH:
        if (this.isThematicBreak(p)) return;
        break;
      case LT: {
        const kind = this.htmlStart(p, false, false);
        if (kind !== 0) {
          if (!this.htmlClosedOnLine) {
            this.leaf = HTML;
            this.htmlKind = kind;
          }
          return;
        }
        break;
      }
      case BACKTICK:
      case TILDE: {
        const size = this.fenceOpening(p);
        if (size !== 0) {
          this.leaf = FENCED;
          this.fenceMarker = t.charCodeAt(p);
          this.fenceSize = size;
          this.codeStart = p;
          this.codeEnd = this.lineEnd;
          return;
        }
        break;
      }
    }
    this.leaf = PARA;
    this.paraStart = p;
    this.paraLines.length = 0;
    this.paraLines.push(p, this.lineEnd);
    this.paraDefinitionLines = -1;
  }

  private closeFlow(): void {
    if (this.leaf === PARA) this.closeParagraph();
    else if (this.leaf === FENCED || this.leaf === INDENTED) this.closeCode();
    this.leaf = NONE;
  }

  private closeParagraph(): void {
    this.resolveDefinitions();
    this.leaf = NONE;
  }

  /** What a non-blank line (indented less than 4) does to the open paragraph. */
  private paragraphInterrupt(p: number, lazy: boolean): number {
    switch (this.t.charCodeAt(p)) {
      case HASH:
        return this.atxSequence(p) !== 0 ? ENDS : CONTINUES;
      case STAR:
      case UNDERSCORE:
        return this.isThematicBreak(p) ? ENDS : CONTINUES;
      case DASH:
        // A lazy line is never a setext underline.
        if (!lazy && this.isSetextUnderline(p)) return SETEXT;
        return this.isThematicBreak(p) ? ENDS : CONTINUES;
      case EQ:
        return !lazy && this.isSetextUnderline(p) ? SETEXT : CONTINUES;
      case LT: {
        const kind = this.htmlStart(p, true, lazy);
        return kind === 0 ? CONTINUES : kind === 7 ? LAZY_HTML : ENDS;
      }
      case BACKTICK:
      case TILDE:
        return this.fenceOpening(p) !== 0 ? ENDS : CONTINUES;
      default:
        return CONTINUES;
    }
  }

  /** Turns the open paragraph into a setext heading, unless it holds only definitions. */
  private setextHeading(p: number): boolean {
    const consumed = this.resolveDefinitions();
    const lines = this.paraLines;
    this.leaf = NONE;
    if (consumed * 2 >= lines.length) return false;
    if (this.depth === 0) {
      let contentStart = lines[consumed * 2]!;
      if (consumed > 0) {
        const lineEnd = lines[consumed * 2 + 1]!;
        while (contentStart < lineEnd && isSpaceOrTab(this.t.charCodeAt(contentStart))) contentStart++;
      }
      this.found.push({
        depth: this.t.charCodeAt(p) === EQ ? 1 : 2,
        // micromark starts a setext heading where its paragraph's content starts, which
        // includes any link reference definitions before the heading text.
        start: this.paraStart,
        end: this.lineEnd,
        contentStart,
        contentEnd: lines[lines.length - 1]!,
      });
    }
    return true;
  }

  /**
   * Parses the link reference definitions at the start of the open paragraph (once), records
   * their labels, and returns how many of its lines they take.
   */
  private resolveDefinitions(): number {
    if (this.paraDefinitionLines >= 0) return this.paraDefinitionLines;
    let consumed = 0;
    const t = this.t;
    const lines = this.paraLines;
    const paraStart = this.paraStart;
    if (t.charCodeAt(paraStart) === LBRACKET) {
      // Every definition has `]:`; remember the next one so paragraphs of links stay cheap.
      let colon = this.definitionColon;
      if (colon === -2 || (colon !== -1 && colon < paraStart)) {
        colon = this.definitionColon = t.indexOf(']:', paraStart);
      }
      if (colon !== -1 && colon < lines[lines.length - 1]!) {
        let s = '';
        for (let i = 0; i < lines.length; i += 2) {
          let a = lines[i]!;
          const b = lines[i + 1]!;
          while (a < b && isSpaceOrTab(t.charCodeAt(a))) a++;
          s += (i === 0 ? '' : '\n') + t.slice(a, b);
        }
        consumed = parseDefinitions(s, lines.length / 2, this.refs);
      }
    }
    this.paraDefinitionLines = consumed;
    return consumed;
  }

  /** Length of the opening `#` sequence of an ATX heading at `p`, or 0. */
  private atxSequence(p: number): number {
    const t = this.t;
    const end = this.lineEnd;
    let q = p;
    while (q < end && t.charCodeAt(q) === HASH) q++;
    const size = q - p;
    if (size > 6 || (q < end && !isSpaceOrTab(t.charCodeAt(q)))) return 0;
    return size;
  }

  private atxHeading(p: number): boolean {
    const size = this.atxSequence(p);
    if (size === 0) return false;
    if (this.depth !== 0) return true;
    const t = this.t;
    let a = p + size;
    let b = this.lineEnd;
    while (a < b && isSpaceOrTab(t.charCodeAt(a))) a++;
    while (b > a && isSpaceOrTab(t.charCodeAt(b - 1))) b--;
    // An optional closing sequence must be preceded by whitespace (or be all there is).
    let k = b;
    while (k > a && t.charCodeAt(k - 1) === HASH) k--;
    if (k < b && (k === a || isSpaceOrTab(t.charCodeAt(k - 1)))) {
      b = k;
      while (b > a && isSpaceOrTab(t.charCodeAt(b - 1))) b--;
    }
    this.found.push({ depth: size, start: p, end: this.lineEnd, contentStart: a, contentEnd: b });
    return true;
  }

  private isThematicBreak(p: number): boolean {
    const t = this.t;
    const end = this.lineEnd;
    const marker = t.charCodeAt(p);
    if (this.breakLine === end && this.breakMarker === marker && p >= this.breakFrom && p <= this.breakStop) {
      return false;
    }
    let count = 0;
    for (let q = p; q < end; q++) {
      const ch = t.charCodeAt(q);
      if (ch === marker) count++;
      else if (!isSpaceOrTab(ch)) {
        this.breakLine = end;
        this.breakMarker = marker;
        this.breakFrom = p;
        this.breakStop = q;
        return false;
      }
    }
    return count >= 3;
  }

  private isSetextUnderline(p: number): boolean {
    const t = this.t;
    const end = this.lineEnd;
    const marker = t.charCodeAt(p);
    let q = p;
    while (q < end && t.charCodeAt(q) === marker) q++;
    while (q < end && isSpaceOrTab(t.charCodeAt(q))) q++;
    return q >= end;
  }

  /** Size of a valid code fence opening at `p`, or 0. */
  private fenceOpening(p: number): number {
    const t = this.t;
    const end = this.lineEnd;
    const marker = t.charCodeAt(p);
    let q = p;
    while (q < end && t.charCodeAt(q) === marker) q++;
    const size = q - p;
    if (size < 3) return 0;
    if (marker === BACKTICK) {
      for (; q < end; q++) if (t.charCodeAt(q) === BACKTICK) return 0;
    }
    return size;
  }

  private isClosingFence(p: number): boolean {
    const t = this.t;
    const end = this.lineEnd;
    const marker = this.fenceMarker;
    let q = p;
    while (q < end && t.charCodeAt(q) === marker) q++;
    if (q - p < this.fenceSize) return false;
    while (q < end && isSpaceOrTab(t.charCodeAt(q))) q++;
    return q >= end;
  }

  /**
   * Kind (1-7) of an HTML block starting at `p`, or 0. When not interrupting, a kind 1-5 block
   * that also ends on this line sets htmlClosedOnLine.
   */
  private htmlStart(p: number, interrupt: boolean, lazy: boolean): number {
    const t = this.t;
    const end = this.lineEnd;
    this.htmlClosedOnLine = false;
    let q = p + 1;
    let c = q < end ? t.charCodeAt(q) : -1;
    let closing = false;
    if (c === BANG) {
      q++;
      c = q < end ? t.charCodeAt(q) : -1;
      if (c === DASH) {
        if (q + 1 >= end || t.charCodeAt(q + 1) !== DASH) return 0;
        return this.htmlOpened(2, HTML_DECLARATION, q + 2, interrupt);
      }
      if (c === LBRACKET) {
        if (t.startsWith('CDATA[', q + 1) && q + 7 <= end) return this.htmlOpened(5, HTML_CONTINUE, q + 7, interrupt);
        return 0;
      }
      if (isAlpha(c)) return this.htmlOpened(4, HTML_DECLARATION, q + 1, interrupt);
      return 0;
    }
    if (c === QUESTION) return this.htmlOpened(3, HTML_DECLARATION, q + 1, interrupt);
    if (c === SLASH) {
      closing = true;
      q++;
      c = q < end ? t.charCodeAt(q) : -1;
    }
    if (!isAlpha(c)) return 0;
    const nameStart = q;
    while (q < end && (isAlnum(t.charCodeAt(q)) || t.charCodeAt(q) === DASH)) q++;
    c = q < end ? t.charCodeAt(q) : -1;
    if (!(c === -1 || c === SLASH || c === GT || isSpaceOrTab(c))) return 0;
    const name = t.slice(nameStart, q).toLowerCase();
    if (c !== SLASH && !closing && HTML_RAW_NAMES.has(name)) return this.htmlOpened(1, HTML_CONTINUE, q, interrupt);
    if (HTML_BLOCK_NAMES.has(name)) {
      if (c === SLASH && (q + 1 >= end || t.charCodeAt(q + 1) !== GT)) return 0;
      return 6;
    }
    // Kind 7 (any complete tag alone on its line) cannot interrupt a paragraph, except lazily.
    if (interrupt && !lazy) return 0;
    return this.isCompleteTagLine(q, closing) ? 7 : 0;
  }

  private htmlOpened(kind: number, state: number, from: number, interrupt: boolean): number {
    if (!interrupt) this.htmlClosedOnLine = this.htmlContinue(kind, state, from);
    return kind;
  }

  /**
   * Whether the rest of the line from `q` completes a kind 7 tag followed only by whitespace.
   * Its attribute loop looks like htmlText's but follows micromark's html-flow, not html-text: one
   * line only, spaces and tabs only, and other characters end an unquoted value. Kept apart on purpose.
   */
  private isCompleteTagLine(q: number, closing: boolean): boolean {
    const t = this.t;
    const end = this.lineEnd;
    const at = (i: number): number => (i < end ? t.charCodeAt(i) : -1);
    if (closing) {
      while (isSpaceOrTab(at(q))) q++;
    } else {
      attributes: for (;;) {
        let c = at(q);
        if (c === SLASH) {
          q++;
          break;
        }
        if (isSpaceOrTab(c)) {
          q++;
          continue;
        }
        if (!(c === COLON || c === UNDERSCORE || isAlpha(c))) break;
        q++;
        while ((c = at(q)) === DASH || c === DOT || c === COLON || c === UNDERSCORE || isAlnum(c)) q++;
        for (;;) {
          while (isSpaceOrTab(at(q))) q++;
          if (at(q) !== EQ) continue attributes;
          q++;
          while (isSpaceOrTab(at(q))) q++;
          c = at(q);
          if (c === -1 || c === LT || c === EQ || c === GT || c === BACKTICK) return false;
          if (c === QUOTE || c === APOS) {
            q++;
            while (q < end && t.charCodeAt(q) !== c) q++;
            if (q >= end) return false;
            q++;
            c = at(q);
            if (c === SLASH || c === GT || isSpaceOrTab(c)) continue attributes;
            return false;
          }
          q++;
          while (
            (c = at(q)) !== -1 && c !== QUOTE && c !== APOS && c !== SLASH && c !== LT && c !== EQ &&
            c !== GT && c !== BACKTICK && !isSpaceOrTab(c)
          ) q++;
        }
      }
    }
    if (at(q) !== GT) return false;
    q++;
    while (isSpaceOrTab(at(q))) q++;
    return q >= end;
  }

  /** Runs micromark's HTML block end-condition machine over the line from `p`; true if it ends. */
  private htmlContinue(kind: number, state: number, p: number): boolean {
    const t = this.t;
    const end = this.lineEnd;
    let rawName = '';
    while (p < end) {
      const c = t.charCodeAt(p);
      switch (state) {
        case HTML_CONTINUE:
          if (c === DASH && kind === 2) state = HTML_COMMENT_DASH;
          else if (c === LT && kind === 1) state = HTML_RAW_OPEN;
          else if (c === GT && kind === 4) return true;
          else if (c === QUESTION && kind === 3) state = HTML_DECLARATION;
          else if (c === RBRACKET && kind === 5) state = HTML_CDATA_BRACKET;
          p++;
          break;
        case HTML_COMMENT_DASH:
          if (c === DASH) {
            state = HTML_DECLARATION;
            p++;
          } else state = HTML_CONTINUE;
          break;
        case HTML_RAW_OPEN:
          if (c === SLASH) {
            state = HTML_RAW_NAME;
            rawName = '';
            p++;
          } else state = HTML_CONTINUE;
          break;
        case HTML_RAW_NAME:
          if (c === GT && HTML_RAW_NAMES.has(rawName.toLowerCase())) return true;
          if (isAlpha(c) && rawName.length < 8) {
            rawName += t[p];
            p++;
          } else state = HTML_CONTINUE;
          break;
        case HTML_CDATA_BRACKET:
          if (c === RBRACKET) {
            state = HTML_DECLARATION;
            p++;
          } else state = HTML_CONTINUE;
          break;
        default: // HTML_DECLARATION
          if (c === GT) return true;
          if (c === DASH && kind === 2) p++;
          else state = HTML_CONTINUE;
      }
    }
    return false;
  }
}

// States of the HTML block end-condition machine (micromark's html-flow continuation states).
const HTML_CONTINUE = 0;
const HTML_COMMENT_DASH = 1;
const HTML_RAW_OPEN = 2;
const HTML_RAW_NAME = 3;
const HTML_CDATA_BRACKET = 4;
const HTML_DECLARATION = 5;

// ---------------------------------------------------------------------------------------------
// Link reference definitions (micromark's definition construct, over one paragraph's lines).

/** Parses the definitions at the start of a paragraph; returns how many of its lines they take. */
function parseDefinitions(s: string, lineCount: number, refs: Set<string>): number {
  const n = s.length;
  let i = 0;
  let lines = 0;
  while (i < n && s.charCodeAt(i) === LBRACKET) {
    const labelEnd = parseLabel(s, i, n);
    if (labelEnd < 0 || s.charCodeAt(labelEnd) !== COLON) break;
    let k = skipWhitespace(s, labelEnd + 1, n);
    const destinationEnd = parseDestination(s, k, n, Infinity);
    if (destinationEnd < 0) break;
    let end = -1;
    if (destinationEnd < n && isWhitespace(s.charCodeAt(destinationEnd))) {
      const titleEnd = parseTitle(s, skipWhitespace(s, destinationEnd, n), n);
      if (titleEnd >= 0) {
        k = skipSpaceOrTab(s, titleEnd, n);
        if (k >= n || isEol(s.charCodeAt(k))) end = k;
      }
    }
    if (end < 0) {
      k = skipSpaceOrTab(s, destinationEnd, n);
      if (k < n && !isEol(s.charCodeAt(k))) break;
      end = k;
    }
    const label = normalizeLabel(s, i + 1, labelEnd - 1);
    if (label !== null) refs.add(label);
    for (let j = i; j < end; j++) if (s.charCodeAt(j) === LF) lines++;
    if (end >= n) return lineCount;
    lines++;
    i = skipSpaceOrTab(s, end + 1, n);
  }
  return lines;
}

function skipSpaceOrTab(s: string, i: number, end: number): number {
  while (i < end && isSpaceOrTab(s.charCodeAt(i))) i++;
  return i;
}

function skipWhitespace(s: string, i: number, end: number): number {
  while (i < end && isWhitespace(s.charCodeAt(i))) i++;
  return i;
}

/** A link label `[...]` at `i` (at most 999 characters, no unescaped brackets): end or -1. */
function parseLabel(s: string, i: number, end: number): number {
  let size = 0;
  let seen = false;
  let k = i + 1;
  while (k < end) {
    const c = s.charCodeAt(k);
    if (c === LBRACKET) return -1;
    if (c === RBRACKET) return seen && size <= 999 ? k + 1 : -1;
    k++;
    if (c === LF || c === CR) continue;
    if (++size > 999) return -1;
    if (!seen) seen = !isSpaceOrTab(c);
    if (c === BACKSLASH && k < end) {
      const e = s.charCodeAt(k);
      if (e === LBRACKET || e === BACKSLASH || e === RBRACKET) {
        k++;
        size++;
      }
    }
  }
  return -1;
}

/** A link destination at `k` (`<...>` or raw with balanced parentheses): end or -1. */
function parseDestination(s: string, k: number, end: number, maxDepth: number): number {
  let c = k < end ? s.charCodeAt(k) : -1;
  if (c === LT) {
    k++;
    while (k < end) {
      c = s.charCodeAt(k);
      if (c === GT) return k + 1;
      if (c === LT || isEol(c)) return -1;
      k++;
      if (c === BACKSLASH && k < end) {
        const e = s.charCodeAt(k);
        if (e === LT || e === GT || e === BACKSLASH) k++;
      }
    }
    return -1;
  }
  if (c === -1 || c === SPACE || c === RPAREN || isControl(c)) return -1;
  let depth = 0;
  for (;;) {
    c = k < end ? s.charCodeAt(k) : -1;
    if (depth === 0 && (c === -1 || c === RPAREN || isWhitespace(c))) return k;
    if (c === LPAREN && depth < maxDepth) {
      depth++;
      k++;
      continue;
    }
    if (c === RPAREN) {
      depth--;
      k++;
      continue;
    }
    if (c === -1 || c === SPACE || c === LPAREN || isControl(c)) return -1;
    k++;
    if (c === BACKSLASH && k < end) {
      const e = s.charCodeAt(k);
      if (e === LPAREN || e === RPAREN || e === BACKSLASH) k++;
    }
  }
}

/** A link title (`"..."`, `'...'` or `(...)`) at `k`: end or -1. */
function parseTitle(s: string, k: number, end: number): number {
  const open = k < end ? s.charCodeAt(k) : -1;
  if (open !== QUOTE && open !== APOS && open !== LPAREN) return -1;
  const close = open === LPAREN ? RPAREN : open;
  k++;
  while (k < end) {
    const c = s.charCodeAt(k);
    if (c === close) return k + 1;
    k++;
    if (c === BACKSLASH && k < end) {
      const e = s.charCodeAt(k);
      if (e === close || e === BACKSLASH) k++;
    }
  }
  return -1;
}

/**
 * micromark's label identifier: whitespace collapsed, trimmed, case-folded. Labels longer than
 * any definition could match are not normalized (null).
 */
function normalizeLabel(s: string, a: number, b: number): string | null {
  if (b - a > 10000) return null;
  return s
    .slice(a, b)
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Heading text: micromark's text constructs, flattened the way mdast-util-to-string does it.

/** Characters that may start inline syntax (or need decoding) in heading content. */
function hasInlineSyntax(t: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = t.charCodeAt(i);
    if (
      c === NUL || c === LF || c === CR || c === AMP || c === STAR || c === LT || c === LBRACKET ||
      c === BACKSLASH || c === RBRACKET || c === UNDERSCORE || c === BACKTICK
    ) return true;
  }
  return false;
}

function inlineText(t: string, a: number, b: number, refs: ReadonlySet<string>): string {
  if (!hasInlineSyntax(t, a, b)) {
    while (b > a && isSpaceOrTab(t.charCodeAt(b - 1))) b--;
    return t.slice(a, b);
  }
  return new InlineParser(t, a, b, refs).parse();
}

// Inline node kinds.
const TEXT = 0;
const DELIMITER = 1;
const BRACKET = 2;

interface InlineNode {
  kind: number;
  text: string;
  /** Attention marker (`*` or `_`) and its remaining run length. */
  marker: number;
  size: number;
  canOpen: boolean;
  canClose: boolean;
  /** Brackets: `![` rather than `[`, deactivated (links cannot contain links), label start. */
  image: boolean;
  inactive: boolean;
  labelStart: number;
}

// Character classes for attention (micromark's classifyCharacter).
const OTHER = 0;
const WHITESPACE = 1;
const PUNCTUATION = 2;
const UNICODE_WHITESPACE = /\s/;
const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;

function classify(c: number): number {
  if (c < 0 || c === SPACE || c === TAB || c === LF || c === CR) return WHITESPACE;
  if (c < 128) {
    if (isAsciiPunctuation(c)) return PUNCTUATION;
    return c === 11 || c === 12 ? WHITESPACE : OTHER;
  }
  const s = String.fromCharCode(c);
  if (UNICODE_WHITESPACE.test(s)) return WHITESPACE;
  return UNICODE_PUNCTUATION.test(s) ? PUNCTUATION : OTHER;
}

/** Emphasis matching gives up after this many steps (only reached by adversarial input). */
const EMPHASIS_BUDGET = 1_000_000;

class InlineParser {
  private readonly nodes: InlineNode[] = [];
  /** Indices (in nodes) of open brackets, innermost last. */
  private readonly brackets: number[] = [];
  /** Indices (in nodes) of attention runs, in order. */
  private readonly delimiters: number[] = [];
  private dataStart: number;
  /** Literal text not yet stored as a node (consecutive text is kept in one node). */
  private pending = '';
  private afterBreakEscape = false;
  private budget = EMPHASIS_BUDGET;
  private backtickRuns: Map<number, { starts: number[]; next: number }> | undefined;
  private readonly searches = new Map<string, { from: number; at: number }>();

  constructor(
    private readonly t: string,
    private readonly a: number,
    private readonly b: number,
    private readonly refs: ReadonlySet<string>,
  ) {
    this.dataStart = a;
  }

  parse(): string {
    const t = this.t;
    const b = this.b;
    let i = this.a;
    while (i < b) {
      const c = t.charCodeAt(i);
      switch (c) {
        case LF:
        case CR:
          i = this.lineEnding(i);
          break;
        case BANG:
          if (i + 1 < b && t.charCodeAt(i + 1) === LBRACKET) {
            this.flush(i);
            this.pushBracket(true, i + 2);
            i += 2;
            this.dataStart = i;
          } else i++;
          break;
        case AMP: {
          const end = this.characterReference(i);
          i = end > 0 ? end : i + 1;
          break;
        }
        case STAR:
        case UNDERSCORE:
          i = this.attention(i);
          break;
        case LT: {
          let end = this.autolink(i);
          if (end > 0) {
            this.flush(i);
            this.pushText(t.slice(i + 1, end - 1));
          } else {
            end = this.htmlText(i);
            if (end > 0) {
              this.flush(i);
              this.pushText(this.htmlValue(i, end));
            }
          }
          if (end > 0) {
            i = end;
            this.dataStart = i;
          } else i++;
          break;
        }
        case LBRACKET:
          this.flush(i);
          this.pushBracket(false, i + 1);
          i++;
          this.dataStart = i;
          break;
        case BACKSLASH: {
          const next = i + 1 < b ? t.charCodeAt(i + 1) : -1;
          if (next === LF || next === CR) {
            // A hard break: neither it nor the line ending shows in the text.
            this.flush(i);
            this.afterBreakEscape = true;
            i++;
            this.dataStart = i;
          } else if (isAsciiPunctuation(next)) {
            this.flush(i);
            this.pushText(t[i + 1]!);
            i += 2;
            this.dataStart = i;
          } else i++;
          break;
        }
        case RBRACKET:
          i = this.labelEnd(i);
          break;
        case BACKTICK:
          i = this.codeText(i);
          break;
        default:
          i++;
      }
    }
    let end = b;
    while (end > this.dataStart && isSpaceOrTab(t.charCodeAt(end - 1))) end--;
    this.flush(end);
    this.commitText();
    this.resolveEmphasis(0);
    return this.flatten(0);
  }

  private code(i: number): number {
    if (i < this.a || i >= this.b) return -1;
    const c = this.t.charCodeAt(i);
    return c === NUL ? REPLACEMENT : c;
  }

  private pushText(text: string): void {
    this.pending += text;
  }

  /** Stores the pending text as a node, before a delimiter or bracket node is added. */
  private commitText(): void {
    if (this.pending === '') return;
    this.nodes.push({
      kind: TEXT, text: this.pending, marker: 0, size: 0, canOpen: false, canClose: false, image: false,
      inactive: false, labelStart: 0,
    });
    this.pending = '';
  }

  private pushBracket(image: boolean, labelStart: number): void {
    this.commitText();
    this.brackets.push(this.nodes.length);
    this.nodes.push({
      kind: BRACKET, text: '', marker: 0, size: 0, canOpen: false, canClose: false, image, inactive: false,
      labelStart,
    });
  }

  /** Emits the pending data up to `end`. */
  private flush(end: number): void {
    if (end > this.dataStart) this.pushText(replaceNul(this.t.slice(this.dataStart, end)));
    this.dataStart = end;
  }

  private lineEnding(i: number): number {
    const t = this.t;
    let hard = false;
    if (this.afterBreakEscape) {
      this.afterBreakEscape = false;
      hard = true;
    } else {
      // Trailing whitespace is dropped; two or more spaces (no tabs) make a hard break.
      let e = i;
      let tab = false;
      while (e > this.dataStart && isSpaceOrTab(t.charCodeAt(e - 1))) {
        if (t.charCodeAt(e - 1) === TAB) tab = true;
        e--;
      }
      hard = !tab && i - e >= 2;
      this.flush(e);
    }
    const size = t.charCodeAt(i) === CR && i + 1 < this.b && t.charCodeAt(i + 1) === LF ? 2 : 1;
    if (!hard) this.pushText(t.slice(i, i + size));
    i += size;
    while (i < this.b && isSpaceOrTab(t.charCodeAt(i))) i++;
    this.dataStart = i;
    return i;
  }

  private attention(i: number): number {
    const t = this.t;
    const marker = t.charCodeAt(i);
    let j = i + 1;
    while (j < this.b && t.charCodeAt(j) === marker) j++;
    const previous = this.code(i - 1);
    const next = this.code(j);
    const before = classify(previous);
    const after = classify(next);
    // micromark's flanking rules, including its extra rule for an adjacent other marker.
    const open = after === OTHER || (after === PUNCTUATION && before !== OTHER) || next === STAR || next === UNDERSCORE;
    const close =
      before === OTHER || (before === PUNCTUATION && after !== OTHER) || previous === STAR || previous === UNDERSCORE;
    this.flush(i);
    this.commitText();
    this.delimiters.push(this.nodes.length);
    this.nodes.push({
      kind: DELIMITER,
      text: '',
      marker,
      size: j - i,
      canOpen: marker === STAR ? open : open && (before !== OTHER || !close),
      canClose: marker === STAR ? close : close && (after !== OTHER || !open),
      image: false,
      inactive: false,
      labelStart: 0,
    });
    this.dataStart = j;
    return j;
  }

  /** micromark's attention resolution over the delimiters from `from` on. */
  private resolveEmphasis(from: number): void {
    const nodes = this.nodes;
    const list = this.delimiters;
    const count = list.length - from;
    if (count < 2) return;
    const prev = new Int32Array(count);
    const next = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      prev[k] = k - 1;
      next[k] = k + 1 < count ? k + 1 : -1;
    }
    const unlink = (k: number): void => {
      if (prev[k]! >= 0) next[prev[k]!] = next[k]!;
      if (next[k]! >= 0) prev[next[k]!] = prev[k]!;
    };
    let c = 0;
    while (c !== -1) {
      const closer = nodes[list[from + c]!]!;
      if (!closer.canClose || closer.size === 0) {
        c = next[c]!;
        continue;
      }
      let o = prev[c]!;
      let opener: InlineNode | undefined;
      while (o !== -1 && this.budget-- > 0) {
        const candidate = nodes[list[from + o]!]!;
        if (
          candidate.canOpen && candidate.size > 0 && candidate.marker === closer.marker &&
          !((candidate.canClose || closer.canOpen) && closer.size % 3 !== 0 && (candidate.size + closer.size) % 3 === 0)
        ) {
          opener = candidate;
          break;
        }
        o = prev[o]!;
      }
      if (opener === undefined || o === -1) {
        c = next[c]!;
        continue;
      }
      const use = opener.size > 1 && closer.size > 1 ? 2 : 1;
      opener.size -= use;
      closer.size -= use;
      // Runs between the two can no longer match anything; they stay literal.
      next[o] = c;
      prev[c] = o;
      if (opener.size === 0) unlink(o);
      if (closer.size === 0) {
        const after = next[c]!;
        unlink(c);
        c = after;
      }
    }
  }

  private flatten(from: number): string {
    let out = '';
    const nodes = this.nodes;
    for (let k = from; k < nodes.length; k++) {
      const node = nodes[k]!;
      if (node.kind === TEXT) out += node.text;
      else if (node.kind === DELIMITER) out += String.fromCharCode(node.marker).repeat(node.size);
      else out += node.image ? '![' : '[';
    }
    return out;
  }

  private labelEnd(i: number): number {
    const t = this.t;
    const b = this.b;
    const brackets = this.brackets;
    if (brackets.length === 0) return i + 1;
    const openerIndex = brackets[brackets.length - 1]!;
    const opener = this.nodes[openerIndex]!;
    if (opener.inactive) {
      brackets.pop();
      return i + 1;
    }
    const refs = this.refs;
    let defined = false;
    if (refs.size > 0) {
      const label = normalizeLabel(t, opener.labelStart, i);
      defined = label !== null && refs.has(label);
    }
    const after = i + 1;
    const next = after < b ? t.charCodeAt(after) : -1;
    let end = -1;
    if (next === LPAREN) {
      end = this.resource(after);
      if (end < 0 && defined) end = after;
    } else if (next === LBRACKET) {
      const labelEnd = parseLabel(t, after, b);
      if (labelEnd >= 0 && refs.size > 0) {
        const label = normalizeLabel(t, after + 1, labelEnd - 1);
        if (label !== null && refs.has(label)) end = labelEnd;
      }
      if (end < 0 && defined && after + 1 < b && t.charCodeAt(after + 1) === RBRACKET) end = after + 2;
    } else if (defined) {
      end = after;
    }
    if (end < 0) {
      // Not a link: the bracket pair is literal text.
      brackets.pop();
      return i + 1;
    }
    this.flush(i);
    this.commitText();
    const delimiterFrom = this.firstDelimiterAfter(openerIndex);
    this.resolveEmphasis(delimiterFrom);
    const text = this.flatten(openerIndex + 1);
    this.nodes.length = openerIndex;
    this.delimiters.length = delimiterFrom;
    brackets.pop();
    this.pushText(text);
    if (!opener.image) {
      for (const k of brackets) {
        const node = this.nodes[k]!;
        if (!node.image) node.inactive = true;
      }
    }
    this.dataStart = end;
    return end;
  }

  private firstDelimiterAfter(nodeIndex: number): number {
    const list = this.delimiters;
    let k = list.length;
    while (k > 0 && list[k - 1]! > nodeIndex) k--;
    return k;
  }

  /** An inline link's `(destination "title")` at `p`: end or -1. */
  private resource(p: number): number {
    const t = this.t;
    const b = this.b;
    let k = skipWhitespace(t, p + 1, b);
    if (k < b && t.charCodeAt(k) === RPAREN) return k + 1;
    k = parseDestination(t, k, b, 32);
    if (k < 0) return -1;
    if (k < b && isWhitespace(t.charCodeAt(k))) {
      k = skipWhitespace(t, k, b);
      const c = k < b ? t.charCodeAt(k) : -1;
      if (c === QUOTE || c === APOS || c === LPAREN) {
        k = parseTitle(t, k, b);
        if (k < 0) return -1;
        k = skipWhitespace(t, k, b);
      }
    }
    return k < b && t.charCodeAt(k) === RPAREN ? k + 1 : -1;
  }

  private characterReference(i: number): number {
    const t = this.t;
    const b = this.b;
    let k = i + 1;
    let value: string | undefined;
    if (k < b && t.charCodeAt(k) === HASH) {
      k++;
      const hex = k < b && (t.charCodeAt(k) | 32) === 120;
      if (hex) k++;
      const start = k;
      const max = hex ? 6 : 7;
      while (k < b && k - start < max && (hex ? isHexDigit(t.charCodeAt(k)) : isDigit(t.charCodeAt(k)))) k++;
      if (k === start || k >= b || t.charCodeAt(k) !== SEMI) return -1;
      value = decodeNumericReference(Number.parseInt(t.slice(start, k), hex ? 16 : 10));
    } else {
      const start = k;
      while (k < b && k - start < 31 && isAlnum(t.charCodeAt(k))) k++;
      if (k === start || k >= b || t.charCodeAt(k) !== SEMI) return -1;
      value = namedEntity(t.slice(start, k));
      if (value === undefined) return -1;
    }
    this.flush(i);
    this.pushText(value);
    this.dataStart = k + 1;
    return k + 1;
  }

  private codeText(i: number): number {
    const t = this.t;
    const b = this.b;
    let j = i + 1;
    while (j < b && t.charCodeAt(j) === BACKTICK) j++;
    const size = j - i;
    const close = this.nextBacktickRun(size, j);
    // Without a closing run of the same length, the whole run is literal.
    if (close < 0) return j;
    let a = j;
    let e = close;
    const first = t.charCodeAt(a);
    const last = t.charCodeAt(e - 1);
    if ((first === SPACE || isEol(first)) && (last === SPACE || isEol(last))) {
      const headEnd = first === CR && t.charCodeAt(a + 1) === LF ? a + 2 : a + 1;
      const tailStart = last === LF && t.charCodeAt(e - 2) === CR ? e - 2 : e - 1;
      for (let k = headEnd; k < tailStart; k++) {
        const c = t.charCodeAt(k);
        if (c !== SPACE && !isEol(c)) {
          a = headEnd;
          e = tailStart;
          break;
        }
      }
    }
    this.flush(i);
    this.pushText(replaceNul(t.slice(a, e)));
    this.dataStart = close + size;
    return close + size;
  }

  /** Start of the first backtick run of exactly `size` at or after `from`, or -1. */
  private nextBacktickRun(size: number, from: number): number {
    let runs = this.backtickRuns;
    if (runs === undefined) {
      runs = new Map();
      const t = this.t;
      for (let k = this.a; k < this.b; ) {
        if (t.charCodeAt(k) !== BACKTICK) {
          k++;
          continue;
        }
        const start = k;
        while (k < this.b && t.charCodeAt(k) === BACKTICK) k++;
        let entry = runs.get(k - start);
        if (entry === undefined) runs.set(k - start, (entry = { starts: [], next: 0 }));
        entry.starts.push(start);
      }
      this.backtickRuns = runs;
    }
    const entry = runs.get(size);
    if (entry === undefined) return -1;
    while (entry.next < entry.starts.length && entry.starts[entry.next]! < from) entry.next++;
    return entry.next < entry.starts.length ? entry.starts[entry.next]! : -1;
  }

  /** indexOf within the content, remembering the last answer so repeated misses stay linear. */
  private search(needle: string, from: number): number {
    let memo = this.searches.get(needle);
    if (memo !== undefined && from >= memo.from && (memo.at === -1 || memo.at >= from)) return memo.at;
    let at = this.t.indexOf(needle, from);
    if (at !== -1 && at + needle.length > this.b) at = -1;
    if (memo === undefined) this.searches.set(needle, (memo = { from, at }));
    memo.from = from;
    memo.at = at;
    return at;
  }

  private autolink(i: number): number {
    const b = this.b;
    const at = (k: number): number => this.code(k);
    let k = i + 1;
    let c = at(k);
    if (isAlpha(c)) {
      k++;
      c = at(k);
      if (c === PLUS || c === DASH || c === DOT || isAlnum(c)) {
        let size = 1;
        while ((c = at(k)) === PLUS || c === DASH || c === DOT || isAlnum(c)) {
          if (size++ >= 32) break;
          k++;
        }
        if (at(k) === COLON) {
          k++;
          for (; k < b; k++) {
            c = at(k);
            if (c === GT) return k + 1;
            if (c === SPACE || c === LT || isControl(c)) return -1;
          }
          return -1;
        }
      }
    } else if (c === AT) {
      return -1;
    }
    // Email: atext+ @ label (. label)*, labels of letters, digits and inner dashes.
    while (isAtext(at(k))) k++;
    if (at(k) !== AT) return -1;
    k++;
    for (;;) {
      if (!isAlnum(at(k))) return -1;
      let size = 0;
      let afterDash = true;
      for (;;) {
        c = at(k);
        if (!afterDash && c === DOT) {
          k++;
          break;
        }
        if (!afterDash && c === GT) return k + 1;
        if ((c === DASH || isAlnum(c)) && size++ < 63) {
          afterDash = c === DASH;
          k++;
          continue;
        }
        return -1;
      }
    }
  }

  /** The end of inline HTML starting at `i` (micromark's html-text: it may span lines), or -1. */
  private htmlText(i: number): number {
    const t = this.t;
    const at = (k: number): number => this.code(k);
    let k = i + 1;
    let c = at(k);
    if (c === BANG) {
      c = at(k + 1);
      if (c === DASH) {
        if (at(k + 2) !== DASH) return -1;
        const e = this.search('-->', i + 2);
        return e < 0 ? -1 : e + 3;
      }
      if (c === LBRACKET) {
        if (!t.startsWith('CDATA[', k + 2) || k + 8 > this.b) return -1;
        const e = this.search(']]>', k + 8);
        return e < 0 ? -1 : e + 3;
      }
      if (isAlpha(c)) {
        const e = this.search('>', k + 2);
        return e < 0 ? -1 : e + 1;
      }
      return -1;
    }
    if (c === QUESTION) {
      const e = this.search('?>', i + 2);
      return e < 0 ? -1 : e + 2;
    }
    if (c === SLASH) {
      k++;
      if (!isAlpha(at(k))) return -1;
      k++;
      while ((c = at(k)) === DASH || isAlnum(c)) k++;
      while (isWhitespace(at(k))) k++;
      return at(k) === GT ? k + 1 : -1;
    }
    if (!isAlpha(c)) return -1;
    k++;
    while ((c = at(k)) === DASH || isAlnum(c)) k++;
    if (!(c === SLASH || c === GT || isWhitespace(c))) return -1;
    attributes: for (;;) {
      c = at(k);
      if (c === SLASH) {
        k++;
        break;
      }
      if (isWhitespace(c)) {
        k++;
        continue;
      }
      if (!(c === COLON || c === UNDERSCORE || isAlpha(c))) break;
      k++;
      while ((c = at(k)) === DASH || c === DOT || c === COLON || c === UNDERSCORE || isAlnum(c)) k++;
      for (;;) {
        while (isWhitespace(at(k))) k++;
        if (at(k) !== EQ) continue attributes;
        k++;
        while (isWhitespace(at(k))) k++;
        c = at(k);
        if (c === -1 || c === LT || c === EQ || c === GT || c === BACKTICK) return -1;
        if (c === QUOTE || c === APOS) {
          const e = this.search(c === QUOTE ? '"' : "'", k + 1);
          if (e < 0) return -1;
          k = e + 1;
          c = at(k);
          if (c === SLASH || c === GT || isWhitespace(c)) continue attributes;
          return -1;
        }
        k++;
        for (;;) {
          c = at(k);
          if (c === -1 || c === QUOTE || c === APOS || c === LT || c === EQ || c === BACKTICK) return -1;
          if (c === SLASH || c === GT || isWhitespace(c)) continue attributes;
          k++;
        }
      }
    }
    return at(k) === GT ? k + 1 : -1;
  }

  /** The value of inline HTML: up to three columns of indentation after a line ending dropped. */
  private htmlValue(i: number, end: number): string {
    const t = this.t;
    let out = '';
    let from = i;
    for (let k = i; k < end; k++) {
      const c = t.charCodeAt(k);
      if (c !== LF && c !== CR) continue;
      if (c === CR && t.charCodeAt(k + 1) === LF) k++;
      out += t.slice(from, k + 1);
      let col = 0;
      let j = k + 1;
      while (j < end && col < 3) {
        const w = t.charCodeAt(j);
        if (w === SPACE) col++;
        else if (w === TAB) {
          const width = 4 - (col & 3);
          if (col + width > 3) {
            // A tab split by the limit leaves its remaining columns as spaces.
            out += ' '.repeat(col + width - 3);
            col = 3;
            j++;
            break;
          }
          col += width;
        } else break;
        j++;
      }
      from = j;
      k = j - 1;
    }
    return replaceNul(out + t.slice(from, end));
  }
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/** micromark's asciiAtext: the characters allowed before the `@` of an email autolink. */
function isAtext(c: number): boolean {
  return (
    (c >= HASH && c <= APOS) || c === STAR || c === PLUS || (c >= DASH && c <= DIGIT9) || c === EQ ||
    c === QUESTION || (c >= 65 && c <= 90) || (c >= 94 && c <= TILDE)
  );
}

function replaceNul(s: string): string {
  return s.indexOf('\0') === -1 ? s : s.replace(/\0/g, '\uFFFD');
}

function decodeNumericReference(code: number): string {
  if (
    code < 9 || code === 11 || (code > 13 && code < 32) || (code > 126 && code < 160) ||
    (code > 55295 && code < 57344) || (code > 64975 && code < 65008) ||
    (code & 65535) === 65535 || (code & 65535) === 65534 || code > 1114111
  ) return '\uFFFD';
  return String.fromCodePoint(code);
}
