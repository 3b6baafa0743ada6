/// The Mustache templates of the HTML digest, the index and the Atom feed.
///
/// Kept in the binary rather than as resource files so that the service needs no bundle next to
/// it. Every `{{variable}}` is escaped by ``MarkupEscaping``; the templates use no triple
/// mustaches, so no value reaches the output unescaped.
enum HTMLTemplates {
    /// Shared style sheet: a readable column, light and dark schemes, and a print layout.
    static let style = """
    :root{--bg:#fbfaf7;--fg:#1d1d1f;--muted:#5d6068;--rule:#dcd8ce;--accent:#9b2c0e;--card:#fff}
    @media (prefers-color-scheme:dark){:root{--bg:#15161a;--fg:#e8e6e1;--muted:#a2a5ad;--rule:#34363c;--accent:#f2a47c;--card:#1e2024}}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
    body{margin:0;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 Charter,"Bitstream Charter","Sitka Text",Cambria,"DejaVu Serif",Georgia,serif}
    .page{max-width:44rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}
    header{border-bottom:3px double var(--rule);margin-bottom:1.5rem;padding-bottom:.75rem}
    .kicker,.meta,.sources,footer,h2,.count,.days{font-family:system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif}
    .kicker{font-size:.8rem;letter-spacing:.08em;text-transform:uppercase;color:var(--muted);margin:0}
    .kicker a{color:inherit}
    h1{font-size:clamp(1.6rem,5vw,2.4rem);line-height:1.15;margin:.35rem 0 .4rem}
    .count{color:var(--muted);margin:0;font-size:.95rem}
    h2{font-size:.8rem;font-weight:700;letter-spacing:.12em;text-transform:uppercase;color:var(--accent);border-bottom:1px solid var(--rule);padding-bottom:.4rem;margin:2.25rem 0 1rem}
    h3{font-size:1.3rem;line-height:1.25;margin:0 0 .5rem}
    p{margin:0 0 .6rem}
    a{color:var(--accent)}
    .story{background:var(--card);border:1px solid var(--rule);border-left:4px solid var(--accent);border-radius:6px;padding:1rem 1.25rem;margin:0 0 1.25rem}
    .badge{display:inline-block;font:600 .7rem/1.6 system-ui,"DejaVu Sans",sans-serif;letter-spacing:.06em;text-transform:uppercase;color:var(--accent);margin-bottom:.25rem}
    .entry{padding:0 0 1rem;margin:0 0 1.25rem;border-bottom:1px solid var(--rule)}
    .meta{font-size:.82rem;line-height:1.5;color:var(--muted);margin-top:.5rem}
    .src{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.92em;overflow-wrap:anywhere}
    .sources{list-style:none;padding:0;margin:.75rem 0 0;font-size:.88rem;line-height:1.45}
    .sources li{border-top:1px solid var(--rule);padding:.5rem 0 .3rem}
    .sources .meta{margin:.15rem 0 0}
    .days{list-style:none;padding:0}
    .days li{padding:.6rem 0;border-bottom:1px solid var(--rule)}
    footer{font-size:.8rem;color:var(--muted);margin-top:3rem}
    @media (max-width:30rem){body{font-size:1rem}.page{padding:1rem .9rem 3rem}.story{padding:.85rem 1rem}}
    @media print{:root{--bg:#fff;--fg:#000;--muted:#333;--rule:#aaa;--accent:#000;--card:#fff}
    body{font-size:10.5pt}.page{max-width:none;padding:0}.story,.entry,.sources li{break-inside:avoid}
    h2,h3{break-after:avoid}.kicker,footer{display:none}a{text-decoration:none}
    .meta a.src::after{content:" <" attr(href) ">";font-size:.85em}}
    """

    /// One article: title, summary sentences, meta line. Context: an `EntryView`.
    static let entry = """
    <article class="entry" id="{{anchor}}" lang="{{lang}}">
    <h3 dir="auto">{{title}}</h3>
    {{#sentences}}<p dir="auto">{{.}}</p>
    {{/sentences}}{{> meta}}
    </article>

    """

    /// The line under an article: its source file (linked), counts, arrival time, keywords.
    static let meta = """
    <p class="meta"><a class="src" href="{{href}}" dir="auto">{{source}}</a> · {{words}} · {{reading}} · <time datetime="{{datetime}}">{{time}}</time>{{#hasKeywords}} · <span dir="auto">{{keywords}}</span>{{/hasKeywords}}</p>
    """

    /// One top story: headline, multi-document summary, list of its sources. Context: `StoryView`.
    static let story = """
    <article class="story" id="{{anchor}}">
    <span class="badge">Top story · {{sourceCount}} reports</span>
    <h3 dir="auto">{{headline}}</h3>
    {{#summary}}<p dir="auto">{{.}}</p>
    {{/summary}}<ul class="sources">
    {{#sources}}<li lang="{{lang}}"><span dir="auto">{{title}}</span>{{> meta}}</li>
    {{/sources}}</ul>
    </article>

    """

    /// The day's content, used by the page and as the Atom entry content. Context: `PageView`.
    static let body = """
    {{#hasTopStories}}<section aria-labelledby="top-stories">
    <h2 id="top-stories">Top stories</h2>
    {{#hasOmittedStories}}<p class="more">{{storiesLine}}; <a href="{{pageHref}}">the day's page</a> lists every one.</p>
    {{/hasOmittedStories}}{{#topStories}}{{> story}}{{/topStories}}</section>
    {{/hasTopStories}}{{#hasSingles}}<section aria-labelledby="more-stories">
    <h2 id="more-stories">{{singlesHeading}}</h2>
    {{#hasOmitted}}<p class="more">{{shownLine}}; <a href="{{pageHref}}">the day's page</a> lists every one.</p>
    {{/hasOmitted}}{{#singles}}{{> entry}}{{/singles}}</section>
    {{/hasSingles}}
    """

    /// A whole day page. Context: `PageView`.
    static let page = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <meta name="generator" content="digestd">
    <title>Digest for {{longDate}}</title>
    {{#hasFeed}}<link rel="alternate" type="application/atom+xml" title="digestd" href="feed.atom">
    {{/hasFeed}}<style>
    {{> style}}
    </style>
    </head>
    <body>
    <div class="page">
    <header>
    <p class="kicker"><a href="index.html">All digests</a></p>
    <h1>Digest for <time datetime="{{day}}">{{longDate}}</time></h1>
    <p class="count">{{countLine}}</p>
    </header>
    <main>
    {{> body}}
    </main>
    <footer>Written by digestd from the articles of {{day}}; summaries are sentences quoted from the articles.</footer>
    </div>
    </body>
    </html>

    """

    /// The list of days. Context: `IndexView`.
    static let index = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <meta name="generator" content="digestd">
    <title>Digests</title>
    {{#hasFeed}}<link rel="alternate" type="application/atom+xml" title="digestd" href="feed.atom">
    {{/hasFeed}}<style>
    {{> style}}
    </style>
    </head>
    <body>
    <div class="page">
    <header>
    <h1>Digests</h1>
    <p class="count">{{countLine}}</p>
    </header>
    <main>
    <ul class="days">
    {{#days}}<li><a href="{{href}}"><time datetime="{{day}}">{{longDate}}</time></a> <span class="meta">· {{articles}}</span></li>
    {{/days}}</ul>
    </main>
    {{#hasFeed}}<footer><a href="feed.atom">Atom feed</a></footer>
    {{/hasFeed}}</div>
    </body>
    </html>

    """

    /// The Atom feed (RFC 4287). Context: `FeedView`.
    static let feed = """
    <?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom">
    <id>{{id}}</id>
    <title>{{title}}</title>
    <updated>{{updated}}</updated>
    <author><name>digestd</name></author>
    <generator>digestd</generator>
    {{#hasIndex}}<link rel="alternate" type="text/html" href="index.html"/>
    {{/hasIndex}}{{#entries}}<entry>
    <id>{{id}}</id>
    <title>{{title}}</title>
    <updated>{{updated}}</updated>
    <link rel="alternate" type="{{linkType}}" href="{{href}}"/>
    <summary type="text">{{summary}}</summary>
    <content type="html">{{content}}</content>
    </entry>
    {{/entries}}</feed>

    """
}
