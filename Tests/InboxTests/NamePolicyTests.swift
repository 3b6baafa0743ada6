import Testing
@testable import Inbox

@Suite struct NamePolicyTests {
    @Test(arguments: [
        ".hidden.txt", "notes.txt~", "x.tmp", "page.part", ".a.txt.swp", "file.crdownload",
        "~syncthing~f08-mill-closure.txt.tmp", ".f08-bakery.txt.Xa9b2Q", "4913", "image.png", "",
    ])
    func ignored(_ name: String) {
        #expect(!NamePolicy().accepts(name))
    }

    @Test(arguments: ["story.txt", "Story.TXT", "page.html", "page.htm", "news.md", "letter.eml"])
    func accepted(_ name: String) {
        #expect(NamePolicy().accepts(name))
    }
}
