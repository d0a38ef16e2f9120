BBBB BBBB
BBB BBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBB
BBB BBBBBBBBBBBBBBBBBBBBBBBBBBB BB BBBBBBBBBBBBBBB
XXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Du är här') XX
    XXXX
        XXXX
            XX XXXXXXXX gettext(u'Arbetsgruppens verktyg') XXXX
        XXXXX
        BB BBBBBBBBBBBBBBB
            XXXX
                XX XXXXXXXX gettext(u'Konferenser och dialoger') XXXX
            XXXXX
        BBBBB
        BB BBBBBBBB
            BBB BBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB BB BBBBBBBBBBBB
            BB BBBBBBBBBBBB
                XXXX
                    XX XXXXXXXXXXXX
                XXXXX
            BBBBB
        BBBBB
    XXXXX
XXXXXX
