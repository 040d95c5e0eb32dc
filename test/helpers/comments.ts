// Splits a TypeScript source into its comments and its code, for test/source-comments.test.ts.
// A small scanner rather than a parser: it knows strings, template literals (with nested `${}`), regular expression
// literals (a `/` where an operand may start) and both comment forms, which is all src/ needs.

export interface Comment {
  /** 1-based line the comment starts on. */
  line: number;
  /** The comment's text without its markers (`//`, `/*`, `*\/`, leading `*`). */
  text: string;
}

export interface Split {
  comments: Comment[];
  /** Non-blank characters inside comments, markers excluded. */
  commentChars: number;
  /** Non-blank characters outside comments. */
  codeChars: number;
}

const nonBlank = (text: string): number => text.replace(/\s/g, '').length;

/** A `/` starts a regular expression after these characters (or at the start, or after a keyword such as return). */
const BEFORE_REGEX = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const KEYWORDS_BEFORE_REGEX = /\b(?:return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/;

export function splitComments(source: string): Split {
  const comments: Comment[] = [];
  let code = '';
  let i = 0;
  // Each open `${` of a template pushes a brace depth; a `}` at that depth resumes the template.
  const templateDepths: number[] = [];
  let braceDepth = 0;
  const lineAt = (index: number): number => source.slice(0, index).split('\n').length;
  const lastCode = (): string => code.trimEnd();

  const scanTemplate = (): void => {
    // i is just past a backtick or a `}` closing an interpolation.
    while (i < source.length) {
      const ch = source[i]!;
      if (ch === '\\') {
        code += source.slice(i, i + 2);
        i += 2;
      } else if (ch === '`') {
        code += ch;
        i++;
        return;
      } else if (ch === '$' && source[i + 1] === '{') {
        code += '${';
        i += 2;
        templateDepths.push(braceDepth);
        braceDepth++;
        return;
      } else {
        code += ch;
        i++;
      }
    }
  };

  while (i < source.length) {
    const ch = source[i]!;
    const next = source[i + 1];
    if (ch === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      comments.push({ line: lineAt(i), text: source.slice(i + 2, stop) });
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end;
      const text = source
        .slice(i + 2, stop)
        .replace(/^\*/, '')
        .split('\n')
        .map((line) => line.replace(/^\s*\*(?!\/)/, ''))
        .join('\n');
      comments.push({ line: lineAt(i), text });
      code += ' ';
      i = stop + 2;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== ch && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      code += source.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '`') {
      code += ch;
      i++;
      scanTemplate();
    } else if (ch === '/') {
      const before = lastCode();
      const prev = before.at(-1);
      if (prev === undefined || BEFORE_REGEX.has(prev) || KEYWORDS_BEFORE_REGEX.test(before)) {
        let j = i + 1;
        let inClass = false;
        while (j < source.length && source[j] !== '\n') {
          const c = source[j]!;
          if (c === '\\') j++;
          else if (c === '[') inClass = true;
          else if (c === ']') inClass = false;
          else if (c === '/' && !inClass) break;
          j++;
        }
        code += source.slice(i, j + 1);
        i = j + 1;
      } else {
        code += ch;
        i++;
      }
    } else if (ch === '{') {
      braceDepth++;
      code += ch;
      i++;
    } else if (ch === '}') {
      braceDepth--;
      code += ch;
      i++;
      if (templateDepths.length > 0 && templateDepths.at(-1) === braceDepth) {
        templateDepths.pop();
        scanTemplate();
      }
    } else {
      code += ch;
      i++;
    }
  }
  return {
    comments,
    commentChars: comments.reduce((sum, comment) => sum + nonBlank(comment.text), 0),
    codeChars: nonBlank(code),
  };
}
