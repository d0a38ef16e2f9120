BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB
     gettext(u'Enkätresultat') 
BBBBBBBB BBBBB
BBBBB BBBBBBB
    XXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Du är här') XX
        XXXX
            XXXX
                XX XXXXXXBBB BBBBBBXX gettext(u'Start') XXXX
            XXXXX
            XXX XXXXXXXXXXXXXXXXXXXX gettext(u'Enkätresultat') XXXXX
        XXXXX
    XXXXXX
    XXXXXXX XXXXXXXXXXXXXXXXXXXX
        XXXX gettext(u'Enkätresultat') XXXXX
        XX XXXXXXXXXXXXX
             gettext(u'Överenskommelsen följs upp varje år med en enkät. Här är resultaten som arbetsgruppen har publicerat.') 
        XXXX
    XXXXXXXXX
    BB BBBBBBB
        XXX XXXXXXXXXXXXXXXXXX
            BBB BBBBBB BB BBBBBBB
                XXX XXXXXXXXXXXXXXXXXXXXXXXX
                    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBXXXXXX
                    XXXXX XXXXXXXXXXXXX X XXXXXXX
                XXXXX
            BBBBBB
        XXXXX
    BBBB
        XXX gettext(u'Inga resultat är publicerade ännu.') XXXX
    BBBBB
BBBBBBBB BBBBBBB
