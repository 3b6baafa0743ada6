import Mustache

// The template views answer swift-mustache's key look-ups themselves (`MustacheParent`) instead
// of being reflected: without it every `{{name}}` builds a `Mirror` of the view and filters all of
// its children, which was about a tenth of a digest write's instructions. Each `child(named:)`
// returns exactly the stored property of that name, as the `Mirror` look-up did, and nil for any
// other name (the look-up then goes on up the context stack, as before);
// `TemplateViewLookupTests` holds every view's answers to its `Mirror`.

extension EntryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "lang": lang
        case "title": title
        case "sentences": sentences
        case "source": source
        case "href": href
        case "words": words
        case "reading": reading
        case "time": time
        case "datetime": datetime
        case "hasKeywords": hasKeywords
        case "keywords": keywords
        default: nil
        }
    }
}

extension StoryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "anchor": anchor
        case "headline": headline
        case "summary": summary
        case "sourceCount": sourceCount
        case "sources": sources
        default: nil
        }
    }
}

extension PageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "day": day
        case "longDate": longDate
        case "countLine": countLine
        case "hasFeed": hasFeed
        case "hasTopStories": hasTopStories
        case "topStories": topStories
        case "hasSingles": hasSingles
        case "singlesHeading": singlesHeading
        case "hasOmittedStories": hasOmittedStories
        case "storiesLine": storiesLine
        case "hasOmitted": hasOmitted
        case "shownLine": shownLine
        case "pageHref": pageHref
        case "singles": singles
        default: nil
        }
    }
}

extension FeedView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "updated": updated
        case "hasIndex": hasIndex
        case "entries": entries
        default: nil
        }
    }
}

extension FeedView.Entry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "updated": updated
        case "linkType": linkType
        case "href": href
        case "summary": summary
        case "content": content
        default: nil
        }
    }
}

extension IndexView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "countLine": countLine
        case "hasFeed": hasFeed
        case "days": days
        default: nil
        }
    }
}

extension IndexView.DayView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "day": day
        case "href": href
        case "longDate": longDate
        case "articles": articles
        default: nil
        }
    }
}
