// What tests/browser/test_emoji.py checks on a page's article, run by Playwright's evaluate().
// raw: the emoji characters left in the text outside code (Chromium's own Unicode data decides
// what an emoji is); pictures: each Material `.twemoji` span, whether it holds an inline <svg>
// (not an <img>) and the width the picture takes.
(article) => {
  const copy = article.cloneNode(true);
  copy.querySelectorAll("pre, code").forEach((el) => el.remove());
  const emoji = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F/gu;
  const pictures = [...article.querySelectorAll(".twemoji")].map((span) => {
    const svg = span.querySelector(":scope > svg");
    const width = svg ? svg.getBoundingClientRect().width : 0;
    return { svg: Boolean(svg), img: Boolean(span.querySelector("img")), width };
  });
  return { raw: copy.textContent.match(emoji) || [], pictures };
};
