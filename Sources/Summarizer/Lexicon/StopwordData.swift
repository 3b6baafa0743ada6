// Stopword lists per Snowball language: data, not logic.
// Source: the Snowball project's stopword lists (snowballstem.org, BSD licence),
// lower-cased, with a few news-specific additions for English.

extension StopwordList {
    /// Whitespace-separated stopwords keyed by Snowball language name.
    static let data: [String: String] = [
        "english": """
        i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
        she her hers herself it its itself they them their theirs themselves what which who whom
        this that these those am is are was were be been being have has had having do does did
        doing would should could ought i'm you're he's she's it's we're they're i've you've we've
        they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't
        aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't
        shouldn't can't cannot couldn't mustn't let's that's who's what's here's there's when's
        where's why's how's a an the and but if or because as until while of at by for with about
        against between into through during before after above below to from up down in out on off
        over under again further then once here there when where why how all any both each few
        more most other some such no nor not only own same so than too very s t can will just
        don should now also may might must shall upon yet however said says say mr mrs ms one
        would could us
        """,
        "german": """
        aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
        anderes anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den des
        dem die das dass daß derselbe derselben denselben desselben demselben dieselbe dieselben
        dasselbe dazu dein deine deinem deinen deiner deines denn derer dessen dich dir du dies
        diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer eines einig
        einige einigem einigen einiger einiges einmal er ihn ihm es etwas euer eure eurem euren
        eurer eures für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich mich mir
        ihr ihre ihrem ihren ihrer ihres euch im in indem ins ist jede jedem jeden jeder jedes
        jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können
        könnte machen man manche manchem manchen mancher manches mein meine meinem meinen meiner
        meines mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem
        seinen seiner seines selbst sich sie ihnen sind so solche solchem solchen solcher solches
        soll sollte sondern sonst über um und uns unsere unserem unseren unser unseres unter viel
        vom von vor während war waren warst was weg weil weiter welche welchem welchen welcher
        welches wenn werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu
        zum zur zwar zwischen
        """,
        "french": """
        au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me
        même mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
        tes toi ton tu un une vos votre vous c d j l à m n s t y été étée étées étés étant étante
        étants étantes suis es est sommes êtes sont serai seras sera serons serez seront serais
        serait serions seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent
        sois soit soyons soyez soient fusse fusses fût fussions fussiez fussent ayant ayante
        ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront
        aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eûmes eûtes
        eurent aie aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent ceci cela
        celà cet cette ici ils les leurs quel quels quelle quelles sans soi plus aussi comme tout
        tous toute toutes selon après avant depuis entre
        """,
        "spanish": """
        de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya
        o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde
        todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos
        qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella
        estar estas algunas algo nosotros mi mis tú te ti tu tus ellas nosotras vosotros vosotras
        os mío mía míos mías tuyo tuya tuyos tuyas suyo suya suyos suyas nuestro nuestra nuestros
        nuestras vuestro vuestra vuestros vuestras esos esas estoy estás está estamos estáis están
        esté estés estemos estéis estén estaré estará estaban estaba estuvo ha han he has hemos
        habéis haya había habían hubo ser es son soy eres somos sois era eran fue fueron sea sean
        será serán sería tengo tiene tienen tenemos tenía tuvo dijo según
        """,
        "italian": """
        ad al allo ai agli all agl alla alle con col coi da dal dallo dai dagli dall dagl dalla
        dalle di del dello dei degli dell degl della delle in nel nello nei negli nell negl nella
        nelle su sul sullo sui sugli sull sugl sulla sulle per tra contro io tu lui lei noi voi
        loro mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra nostri nostre vostro
        vostra vostri vostre mi ti ci vi lo la li le gli ne il un uno una ma ed se perché anche
        come dov dove che chi cui non più quale quanto quanti quanta quante quello quelli quella
        quelle questo questi questa queste si tutto tutti a c e i l o ho hai ha abbiamo avete
        hanno abbia avevo aveva avevano ebbe sono sei è siamo siete sia era erano fu furono sarà
        sarebbe stato stata stati essere avere fare fa ancora già dopo prima secondo
        """,
        "portuguese": """
        de a o que e do da em um para com não uma os no se na por mais as dos como mas ao ele das
        à seu sua ou quando muito nos já eu também só pelo pela até isso ela entre depois sem
        mesmo aos seus quem nas me esse eles você essa num nem suas meu às minha numa pelos elas
        qual nós lhe deles essas esses pelas este dele tu te vocês vos lhes meus minhas teu tua
        teus tuas nosso nossa nossos nossas dela delas esta estes estas aquele aquela aqueles
        aquelas isto aquilo estou está estamos estão estive esteve estivemos estiveram estava
        estávamos estavam hei há havemos hão houve houveram sou somos são era éramos eram fui foi
        fomos foram seja sejam será serão seria tenho tem temos têm tinha tinham tive teve tiveram
        ser ter segundo sobre disse
        """,
        "dutch": """
        de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
        hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
        naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
        waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
        altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
        andere werden volgens
        """,
    ]
}
