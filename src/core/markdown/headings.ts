import { addLinkReference, emptyLinkReferences, headingText, type LinkReferences } from './heading-text';

/**
 * Top-level heading scanner for CommonMark, finding the headings remark-parse (micromark) finds.
 *
 * It is a block parser that tracks only what decides whether a line is a top-level heading:
 * containers (block quotes, list items, laziness), the open leaf block (paragraph, fenced or
 * indented code, HTML), and link reference definitions. Where micromark deviates from the
 * CommonMark reference implementation, the block structure follows micromark: remark is the
 * oracle it is tested against on every spec example. A heading's text is then read from its raw
 * content by markdown-it's inline parser (heading-text.ts), the parser of VS Code's preview and
 * outline, so the names we match are the names users see there.
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
const LT = 60;
const EQ = 61;
const GT = 62;
const QUESTION = 63;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const UNDERSCORE = 95;
const BACKTICK = 96;
const TILDE = 126;
const DEL = 127;
const BOM = 0xfeff;

/** The open leaf block. */
const enum Leaf {
  None,
  Paragraph,
  IndentedCode,
  FencedCode,
  Html,
}

/** How a line relates to an open paragraph. */
const enum LineRelation {
  Continues,
  Ends,
  SetextUnderline,
  /** A kind 7 HTML line that interrupts a paragraph only because the line is lazy. */
  LazyHtml,
}

/** The seven kinds of HTML block of the CommonMark spec (4.6), by their start conditions. */
const enum HtmlKind {
  NotHtml,
  Raw,
  Comment,
  ProcessingInstruction,
  Declaration,
  Cdata,
  BlockTag,
  CompleteTag,
}

const isDigit = (c: number): boolean => c >= DIGIT0 && c <= DIGIT9;
const isAlpha = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
const isAlnum = (c: number): boolean => isDigit(c) || isAlpha(c);
const isSpaceOrTab = (c: number): boolean => c === SPACE || c === TAB;
const isEol = (c: number): boolean => c === LF || c === CR;
const isWhitespace = (c: number): boolean => c === SPACE || c === TAB || c === LF || c === CR;
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

/** A block quote or list item start found on the current line: the container, and where its content starts. */
interface ContainerMatch {
  quote: boolean;
  ordered: boolean;
  marker: number;
  size: number;
  initialBlank: boolean;
  pos: number;
  col: number;
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
  /** Made at the first definition: without one, markdown-it skips reference-link lookups. */
  private references: LinkReferences | undefined;
  private readonly stack: Container[] = [];
  private depth = 0;

  private leaf: Leaf = Leaf.None;
  private fenceMarker = 0;
  private fenceSize = 0;
  private htmlKind: HtmlKind = HtmlKind.NotHtml;
  private paraStart = 0;
  /** Flow start and content end of each paragraph line. */
  private readonly paraLines: number[] = [];
  private paraDefinitionLines = -1;
  private definitionColon = -2;
  // The open code block (fenced or indented): where it starts, and the end of its last line
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
  /** What matchContainerStart() (and afterQuoteMarker()) found; one object, reused for every line. */
  private readonly match: ContainerMatch = { quote: false, ordered: false, marker: 0, size: 0, initialBlank: false, pos: 0, col: 0 };
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
      text: headingText(this.t.slice(h.contentStart, h.contentEnd), this.references),
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
        this.pos = this.match.pos;
        this.col = this.match.col;
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
        c.size = this.match.size;
        c.initialBlank = this.match.initialBlank;
        this.pos = this.match.pos;
        this.col = this.match.col;
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
        if (leaf === Leaf.FencedCode || leaf === Leaf.Html) {
          this.flow(false, continued);
          return;
        }
        // micromark treats any open multi-line construct (also indented code) as interrupted.
        interrupt = leaf === Leaf.Paragraph || leaf === Leaf.IndentedCode;
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
      c.quote = this.match.quote;
      c.ordered = this.match.ordered;
      c.marker = this.match.marker;
      c.size = this.match.size;
      c.initialBlank = this.match.initialBlank;
      c.furtherBlank = false;
      this.depth++;
      this.pos = this.match.pos;
      this.col = this.match.col;
    }
    this.flow(false, this.depth);
  }

  /** Sets match.pos and match.col after a `>` (at `p`, column `c`) and its optional following space. */
  private afterQuoteMarker(p: number, c: number): void {
    const ch = p < this.lineEnd ? this.t.charCodeAt(p) : -1;
    if (ch === SPACE) {
      p++;
      c++;
    } else if (ch === TAB) {
      if (4 - (c & 3) === 1) p++;
      c++;
    }
    this.match.pos = p;
    this.match.col = c;
  }

  /**
   * Whether a block quote or list item starts at the current position. With `existing`, only
   * another item of that list. Results go to this.match.
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
      this.match.quote = true;
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
      this.match.size = prefix + 1;
      this.match.initialBlank = true;
      this.match.pos = markerEnd;
      this.match.col = markerCol;
    } else {
      const w = this.nnCol - markerCol;
      if (w === 0) return false;
      if (w >= 5) {
        // Content starts one column after the marker; the rest is indentation (e.g. code).
        this.match.pos = t.charCodeAt(markerEnd) === SPACE || 4 - (markerCol & 3) === 1 ? markerEnd + 1 : markerEnd;
        this.match.col = markerCol + 1;
        this.match.size = prefix + 1;
      } else {
        this.match.pos = this.nnPos;
        this.match.col = this.nnCol;
        this.match.size = prefix + w;
      }
      this.match.initialBlank = false;
    }
    this.match.quote = false;
    this.match.ordered = ordered;
    this.match.marker = marker;
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
      case Leaf.FencedCode:
        if (!lazy) {
          this.codeEnd = this.lineEnd;
          if (!blank && indent < 4 && this.isClosingFence(p)) {
            this.leaf = Leaf.None;
            this.closeCode();
          }
          return;
        }
        // A line outside the fence's containers ends it; that line is not code.
        this.leaf = Leaf.None;
        this.closeCode();
        break;
      case Leaf.Html:
        if (!lazy) {
          if (this.htmlKind === HtmlKind.BlockTag || this.htmlKind === HtmlKind.CompleteTag) {
            if (blank) this.leaf = Leaf.None;
          } else if (this.htmlContinue(this.htmlKind, HtmlEnd.Continue, this.pos)) {
            this.leaf = Leaf.None;
          }
          return;
        }
        this.leaf = Leaf.None;
        break;
      case Leaf.IndentedCode:
        if (!lazy && (blank || indent >= 4)) {
          // Blank lines belong to the block only if more code follows them.
          if (!blank) this.codeEnd = this.lineEnd;
          return;
        }
        this.leaf = Leaf.None;
        this.closeCode();
        break;
      case Leaf.Paragraph: {
        if (blank) {
          this.closeParagraph();
          break;
        }
        if (indent >= 4) {
          this.paraLines.push(this.pos, this.lineEnd);
          return;
        }
        const relation = this.paragraphInterrupt(p, lazy);
        if (relation === LineRelation.Continues) {
          this.paraLines.push(this.pos, this.lineEnd);
          return;
        }
        if (relation === LineRelation.SetextUnderline) {
          if (this.setextHeading(p)) return;
          break;
        }
        this.closeParagraph();
        if (relation === LineRelation.LazyHtml) {
          // micromark decides laziness before this HTML's extent is known, so the block
          // stays in the containers of the interrupted paragraph.
          this.leaf = Leaf.Html;
          this.htmlKind = HtmlKind.CompleteTag;
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
        this.leaf = Leaf.None;
        this.closeCode();
      } else this.leaf = Leaf.IndentedCode;
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
        if (kind !== HtmlKind.NotHtml) {
          if (!this.htmlClosedOnLine) {
            this.leaf = Leaf.Html;
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
          this.leaf = Leaf.FencedCode;
          this.fenceMarker = t.charCodeAt(p);
          this.fenceSize = size;
          this.codeStart = p;
          this.codeEnd = this.lineEnd;
          return;
        }
        break;
      }
    }
    this.leaf = Leaf.Paragraph;
    this.paraStart = p;
    this.paraLines.length = 0;
    this.paraLines.push(p, this.lineEnd);
    this.paraDefinitionLines = -1;
  }

  private closeFlow(): void {
    if (this.leaf === Leaf.Paragraph) this.closeParagraph();
    else if (this.leaf === Leaf.FencedCode || this.leaf === Leaf.IndentedCode) this.closeCode();
    this.leaf = Leaf.None;
  }

  private closeParagraph(): void {
    this.resolveDefinitions();
    this.leaf = Leaf.None;
  }

  /** What a non-blank line (indented less than 4) does to the open paragraph. */
  private paragraphInterrupt(p: number, lazy: boolean): LineRelation {
    switch (this.t.charCodeAt(p)) {
      case HASH:
        return this.atxSequence(p) !== 0 ? LineRelation.Ends : LineRelation.Continues;
      case STAR:
      case UNDERSCORE:
        return this.isThematicBreak(p) ? LineRelation.Ends : LineRelation.Continues;
      case DASH:
        // A lazy line is never a setext underline.
        if (!lazy && this.isSetextUnderline(p)) return LineRelation.SetextUnderline;
        return this.isThematicBreak(p) ? LineRelation.Ends : LineRelation.Continues;
      case EQ:
        return !lazy && this.isSetextUnderline(p) ? LineRelation.SetextUnderline : LineRelation.Continues;
      case LT: {
        const kind = this.htmlStart(p, true, lazy);
        return kind === HtmlKind.NotHtml ? LineRelation.Continues : kind === HtmlKind.CompleteTag ? LineRelation.LazyHtml : LineRelation.Ends;
      }
      case BACKTICK:
      case TILDE:
        return this.fenceOpening(p) !== 0 ? LineRelation.Ends : LineRelation.Continues;
      default:
        return LineRelation.Continues;
    }
  }

  /** Turns the open paragraph into a setext heading, unless it holds only definitions. */
  private setextHeading(p: number): boolean {
    const consumed = this.resolveDefinitions();
    const lines = this.paraLines;
    this.leaf = Leaf.None;
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
        consumed = parseDefinitions(s, lines.length / 2, (this.references ??= emptyLinkReferences()));
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
  private htmlStart(p: number, interrupt: boolean, lazy: boolean): HtmlKind {
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
        if (q + 1 >= end || t.charCodeAt(q + 1) !== DASH) return HtmlKind.NotHtml;
        return this.htmlOpened(HtmlKind.Comment, HtmlEnd.Declaration, q + 2, interrupt);
      }
      if (c === LBRACKET) {
        if (t.startsWith('CDATA[', q + 1) && q + 7 <= end) return this.htmlOpened(HtmlKind.Cdata, HtmlEnd.Continue, q + 7, interrupt);
        return HtmlKind.NotHtml;
      }
      if (isAlpha(c)) return this.htmlOpened(HtmlKind.Declaration, HtmlEnd.Declaration, q + 1, interrupt);
      return HtmlKind.NotHtml;
    }
    if (c === QUESTION) return this.htmlOpened(HtmlKind.ProcessingInstruction, HtmlEnd.Declaration, q + 1, interrupt);
    if (c === SLASH) {
      closing = true;
      q++;
      c = q < end ? t.charCodeAt(q) : -1;
    }
    if (!isAlpha(c)) return HtmlKind.NotHtml;
    const nameStart = q;
    while (q < end && (isAlnum(t.charCodeAt(q)) || t.charCodeAt(q) === DASH)) q++;
    c = q < end ? t.charCodeAt(q) : -1;
    if (!(c === -1 || c === SLASH || c === GT || isSpaceOrTab(c))) return HtmlKind.NotHtml;
    const name = t.slice(nameStart, q).toLowerCase();
    if (c !== SLASH && !closing && HTML_RAW_NAMES.has(name)) return this.htmlOpened(HtmlKind.Raw, HtmlEnd.Continue, q, interrupt);
    if (HTML_BLOCK_NAMES.has(name)) {
      if (c === SLASH && (q + 1 >= end || t.charCodeAt(q + 1) !== GT)) return HtmlKind.NotHtml;
      return HtmlKind.BlockTag;
    }
    // Kind 7 (any complete tag alone on its line) cannot interrupt a paragraph, except lazily.
    if (interrupt && !lazy) return HtmlKind.NotHtml;
    return this.isCompleteTagLine(q, closing) ? HtmlKind.CompleteTag : HtmlKind.NotHtml;
  }

  private htmlOpened(kind: HtmlKind, state: HtmlEnd, from: number, interrupt: boolean): HtmlKind {
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
  private htmlContinue(kind: HtmlKind, state: HtmlEnd, p: number): boolean {
    const t = this.t;
    const end = this.lineEnd;
    let rawName = '';
    while (p < end) {
      const c = t.charCodeAt(p);
      switch (state) {
        case HtmlEnd.Continue:
          if (c === DASH && kind === HtmlKind.Comment) state = HtmlEnd.CommentDash;
          else if (c === LT && kind === HtmlKind.Raw) state = HtmlEnd.RawOpen;
          else if (c === GT && kind === HtmlKind.Declaration) return true;
          else if (c === QUESTION && kind === HtmlKind.ProcessingInstruction) state = HtmlEnd.Declaration;
          else if (c === RBRACKET && kind === HtmlKind.Cdata) state = HtmlEnd.CdataBracket;
          p++;
          break;
        case HtmlEnd.CommentDash:
          if (c === DASH) {
            state = HtmlEnd.Declaration;
            p++;
          } else state = HtmlEnd.Continue;
          break;
        case HtmlEnd.RawOpen:
          if (c === SLASH) {
            state = HtmlEnd.RawName;
            rawName = '';
            p++;
          } else state = HtmlEnd.Continue;
          break;
        case HtmlEnd.RawName:
          if (c === GT && HTML_RAW_NAMES.has(rawName.toLowerCase())) return true;
          if (isAlpha(c) && rawName.length < 8) {
            rawName += t[p];
            p++;
          } else state = HtmlEnd.Continue;
          break;
        case HtmlEnd.CdataBracket:
          if (c === RBRACKET) {
            state = HtmlEnd.Declaration;
            p++;
          } else state = HtmlEnd.Continue;
          break;
        default: // HtmlEnd.Declaration
          if (c === GT) return true;
          if (c === DASH && kind === HtmlKind.Comment) p++;
          else state = HtmlEnd.Continue;
      }
    }
    return false;
  }
}

// States of the HTML block end-condition machine (micromark's html-flow continuation states).
const enum HtmlEnd {
  Continue,
  CommentDash,
  RawOpen,
  RawName,
  CdataBracket,
  /** Also: a comment's `--` or a CDATA's `]]` seen, waiting for `>`. */
  Declaration,
}

// ---------------------------------------------------------------------------------------------
// Link reference definitions (micromark's definition construct, over one paragraph's lines).

/** Parses the definitions at the start of a paragraph; returns how many of its lines they take. */
function parseDefinitions(s: string, lineCount: number, references: LinkReferences): number {
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
    addLinkReference(references, s.slice(i + 1, labelEnd - 1));
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
