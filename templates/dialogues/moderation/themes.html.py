BBBBBBB BBBBBBBBBBB
BBBB BBBB
BBBBB BBBBB
     gettext(u'Teman: %(name)s') 
        SSSSSS SSSSSSSS
    
BBBBBBBB BBBBB
BBBBB BBBBBBB
    BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
    XXXXXXX XXXXXXXXXXXXXXXXXXXX
        XX XXXXXXXXXXXXXXXXXXXX
        XXXX gettext(u'Teman och nyckelord') XXXXX
        XX XXXXXXXXXXXXX
             gettext(u'Teman gäller hela konferensen. Antalet räknar synliga anteckningar där temat är godkänt. Nyckelorden används för att föreslå teman på modereringssidan.') 
                SSSSS SSSSSS SSSS SSSSSSSSSSSS SSSSSSS SSSSSS SSSSSSS SSSSSSSSSSSS SSS SSSSS SS SSSSSSSS
                SSSSSSSSSSS SSSSSSS SSS SSS SSSSSSS SSSSS SS SSSSSSSSSSSSSSSSS
            
        XXXX
        BB BBBBBBBBB
            XXX XXXXXXXXXXXXXXXXXXXXXXXXXX
                BBB BBBB BB BBBBBBBBB
                    XXXX
                        XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBB BBBBBBBXX
                             gettext(u'Moderera %(title)s') 
                                SSSSSSSS SSSSSSSSS
                            
                        XXXX
                    XXXXX
                BBBBBB
            XXXXX
        BBBBB
    XXXXXXXXX
    XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXXXXXX gettext(u'Konferensens teman') XXXXX
        BB BBBBBB
            XXXX XXXXXXXXXXXXXXXXXXX
                XXXXXX XXXXXXXXXXXXXXXXXXXX
                    XXXXXXX
                        XXXX
                            XXX XXXXXXXXXXXX gettext(u'Tema') XXXXX
                            XXX XXXXXXXXXXXX gettext(u'Nyckelord') XXXXX
                            XXX XXXXXXXXXXX XXXXXXXXXXXXXXXX gettext(u'Anteckningar') XXXXX
                        XXXXX
                    XXXXXXXX
                    XXXXXXX
                        BBB BBBBB BB BBBBBB
                            XXXX
                                XXX XXXXXXXXXXXX
                                    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBB BBBBBBBBXXXXXX
                                    XXXXX XXXXXXXXXXXXXXXXXXXXXXXX gettext(u'(ändra)') XXXXXXX
                                XXXXX
                                XXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
                                    BBB BBBBBBB BB BBBBBBBBBBBBBBBBBB
                                        XXXXX XXXXXXXXXX XXXXXXXXXXXXXXXXXXX
                                    BBBBB
                                        XXXXX XXXXXXXXXXXXX gettext(u'Inga nyckelord') XXXXXXX
                                    BBBBBB
                                XXXXX
                                XXX XXXXXXXXXXXXXXXXXXXXX
                            XXXXX
                        BBBBBB
                    XXXXXXXX
                XXXXXXXX
            XXXXXX
        BBBB
            XXX gettext(u'Konferensen har inga teman ännu. Skapa det första nedan.') XXXX
        BBBBB
    XXXXXXXXXX
    XXXX XXXXXXXXXXXXXXXXXXXX
        XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXX
            XXX XXXXXXXXXXXXXXXXXXXXX gettext(u'Nytt tema') XXXXX
            XXXXX XXXXXXXXXXXXXXXXXXXX
                  XXXXXXXXXXXXX
                  XXXXXXXXBBB BBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBX
                  XXXXXXXXXXX
                BBBBBBBBBB
                BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBBB
                XXXX XXXXXXXXXXXXXXXXXXXXX
                    XXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXX gettext(u'Skapa temat') XXXXXXXXX
                XXXXXX
            XXXXXXX
        XXXXXXXXXX
        BB BBBBBBBBBBBBB B B
            XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXX
                XXX XXXXXXXXXXXXXXXXX gettext(u'Slå ihop två teman') XXXXX
                XXX
                     gettext(u'När två teman betyder samma sak. Du får se vad som händer och bekräfta innan något ändras.') 
                        SSS SSS SSSSS SSSSSSS SSSSS SSSS SS SSS SS SSS SSS SSSSSS SSS SSSSSSSS SSSSS SSSSS SSSSSSS
                    
                XXXX
                XXXXX XXXXXXXXXXXXXXXXXXXX
                      XXXXXXXXXXXX
                      XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBX
                      XXXXXXXXXXX
                    BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBB
                    XXXX XXXXXXXXXXXXXXXXXXXXX
                        XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXX gettext(u'Fortsätt') XXXXXXXXX
                    XXXXXX
                XXXXXXX
            XXXXXXXXXX
        BBBBB
    XXXXXX
BBBBBBBB BBBBBBB
