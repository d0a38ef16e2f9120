BBBBBBB BBBBBBBBBBB
BBBB BBBBBBBB BBBB
BBBBB BBBBB
     gettext(u'Fritextsvar: %(title)s') 
        SSSSSSSSSSSS SSSSSSSSS
    
BBBBBBBB BBBBB
BBBBB BBBBBBB
    XXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Du är här') XX
        XXXX
            BB BBBBBB
                XXXX
                    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBXX gettext(u'Enkätresultat') XXXX
                XXXXX
            BBBB
                XXXX
                    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBXXXXXX
                XXXXX
            BBBBB
            XXXX
                XX XXXXXXXX gettext(u'Resultat') XXXX
            XXXXX
            XXX XXXXXXXXXXXXXXXXXXXX gettext(u'Fritextsvar') XXXXX
        XXXXX
    XXXXXX
    XXXXXXX XXXXXXXXXXXXXXXXXXXX
        XX XXXXXXXXXXXXXXXX X XXXX
        XXXXXXXXX
        XX XXXXXXXXXXXXX
             ngettext(u'%(number)s svar', u'%(number)s svar', count) 
                SSSSSSSSSS SSSS
            
                PPPPPPPPPP PPPP
            
        XXXX
    XXXXXXXXX
    BB BBBBB
        BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBB
    BBBB
        XXX gettext(u'Frågan har inga fritextsvar.') XXXX
    BBBBB
    BB BBBBBBBBBBBBBBBBBBBBBBBB B B
        XXXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Sidor') XX
            XXXX
                BB BBBBBBBBBBBBBBBBB
                    XXXX
                        XX XXXXXXXXXXXXX XXXXXXXXXXX gettext(u'Föregående') XXXX
                    XXXXX
                BBBBB
                XXXX
                     gettext(u'Sida %(number)s av %(pages)s') 
                        SSSS SSSSSSSSSS SS SSSSSSSSS
                    
                XXXXX
                BB BBBBBBBBBBBBB
                    XXXX
                        XX XXXXXXXXXXXXX XXXXXXXXXXX gettext(u'Nästa') XXXX
                    XXXXX
                BBBBB
            XXXXX
        XXXXXX
    BBBBB
    XXX
        XX XXXXXXXX gettext(u'Tillbaka till resultaten') XXXX
    XXXX
BBBBBBBB BBBBBBB
